import { defineMessages } from './define';

/** The admin workspace's tab for the WeChat official account: its settings and its outbox. */
export const wechat = defineMessages({
  'zh-CN': {
    'adm.tab.wechat': '微信公众号',
    'wx.title': '微信公众号',
    'wx.intro':
      '在微信公众平台“设置与开发 → 基本配置 → 服务器配置”中填写下面的服务器地址，并在这里填写相同的令牌、消息加解密密钥和加解密方式。请先在这里保存，再提交公众平台的配置。密钥只能重新设置，不会显示。',
    'wx.serverUrl': '服务器地址（URL）：{url}',
    'wx.saved': '已保存微信公众号设置。',
    'wx.setting.token': '令牌（Token）',
    'wx.setting.encodingAESKey': '消息加解密密钥（EncodingAESKey）',
    'wx.setting.appId': '开发者 ID（AppID）',
    'wx.setting.appSecret': '开发者密码（AppSecret）',
    'wx.setting.mode': '消息加解密方式',
    'wx.setting.apiBaseUrl': '微信接口地址',
    'wx.hint.token': '3 至 32 位字母或数字，与公众平台一致',
    'wx.hint.encodingAESKey': '43 位字母或数字，与公众平台一致',
    'wx.hint.appSecret': '用于发送进度通知（客服消息）和下载市民发来的照片',
    'wx.mode.plain': '明文模式',
    'wx.mode.compatible': '兼容模式',
    'wx.mode.safe': '安全模式（推荐）',
    'wx.outbox.title': '进度通知与照片',
    'wx.outbox.window':
      '微信只允许在市民最后一次发消息后 48 小时内发送客服消息，超过时限的进度通知会记为失败。',
    'wx.kind.push': '进度通知',
    'wx.kind.photo': '下载照片',
    'wx.status.pending': '等待中',
    'wx.status.done': '已完成',
    'wx.status.failed': '失败',
  },
  en: {
    'adm.tab.wechat': 'WeChat',
    'wx.title': 'WeChat official account',
    'wx.intro':
      'In the WeChat console (Settings and development → Basic configuration → Server configuration) enter the server URL below, and enter the same token, message key and encryption mode here. Save here first, then submit the console’s configuration. Secrets can only be replaced, never shown.',
    'wx.serverUrl': 'Server URL: {url}',
    'wx.saved': 'The WeChat settings are saved.',
    'wx.setting.token': 'Token',
    'wx.setting.encodingAESKey': 'Message key (EncodingAESKey)',
    'wx.setting.appId': 'AppID',
    'wx.setting.appSecret': 'AppSecret',
    'wx.setting.mode': 'Message encryption',
    'wx.setting.apiBaseUrl': 'WeChat API address',
    'wx.hint.token': '3 to 32 letters or digits, as in the console',
    'wx.hint.encodingAESKey': '43 letters or digits, as in the console',
    'wx.hint.appSecret':
      'For progress messages (customer-service messages) and the photos citizens send',
    'wx.mode.plain': 'Plain',
    'wx.mode.compatible': 'Compatible',
    'wx.mode.safe': 'Safe (recommended)',
    'wx.outbox.title': 'Progress messages and photos',
    'wx.outbox.window':
      'WeChat accepts customer-service messages only within 48 hours of the citizen’s last message; later progress messages are recorded as failed.',
    'wx.kind.push': 'Progress message',
    'wx.kind.photo': 'Photo download',
    'wx.status.pending': 'Waiting',
    'wx.status.done': 'Done',
    'wx.status.failed': 'Failed',
  },
});
