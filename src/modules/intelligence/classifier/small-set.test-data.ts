// A small fixed set of appeals for the classifier's tests: six leaves of a three-level tree, with
// keywords for the cold start, training texts, and held-out texts worded unlike the keywords.
import type { TrainingExample, TreeCategory } from './category-training.js';

export const SMALL_TREE: TreeCategory[] = [
  { id: 1, parentId: null, name: '城乡建设', keywords: [], active: true },
  { id: 11, parentId: 1, name: '市政设施', keywords: [], active: true },
  { id: 111, parentId: 11, name: '路灯', keywords: ['路灯', '不亮'], active: true },
  { id: 112, parentId: 11, name: '道路破损', keywords: ['坑洼', '路面'], active: true },
  { id: 2, parentId: null, name: '环境保护', keywords: [], active: true },
  { id: 21, parentId: 2, name: '噪声污染', keywords: [], active: true },
  { id: 211, parentId: 21, name: '施工噪音', keywords: ['施工', '噪音'], active: true },
  { id: 22, parentId: 2, name: '大气污染', keywords: [], active: true },
  { id: 221, parentId: 22, name: '餐饮油烟', keywords: ['油烟'], active: true },
  { id: 3, parentId: null, name: '交通运输', keywords: [], active: true },
  { id: 31, parentId: 3, name: '公共交通', keywords: [], active: true },
  { id: 311, parentId: 31, name: '公交线路', keywords: ['公交', '线路'], active: true },
  { id: 4, parentId: null, name: '教育文体', keywords: [], active: true },
  { id: 41, parentId: 4, name: '学前和义务教育', keywords: [], active: true },
  { id: 411, parentId: 41, name: '入学', keywords: ['入学', '学位'], active: true },
];

const texts: Record<number, { train: string[]; test: string[] }> = {
  111: {
    train: [
      '小区门口那排灯晚上一直黑着，出门很不安全',
      '江阳路段晚上漆黑一片，灯杆上的灯坏了好几天',
      '我们这条街的照明坏了半个月没人修',
      '晚上回家路上黑灯瞎火，老人摔倒了，请修一下灯',
      '桥上的灯时亮时灭，夜里开车看不清',
      '公园旁边人行道的灯全灭了，晚上散步很危险',
      '新修的马路灯一直没有通电，天黑后看不见路',
      '巷子里的照明灯坏掉一个月了',
    ],
    test: [
      '楼下那条路晚上黑漆漆的，灯坏了没人管',
      '河边步道的照明灯不亮已经一周',
      '十字路口的灯晚上不亮，行人过马路很危险',
    ],
  },
  112: {
    train: [
      '马路上有个大坑，电动车经过差点翻车',
      '下雨后道路积水，路面坑坑洼洼的',
      '这段路修了又坏，到处是裂缝和坑',
      '人行道的地砖翘起来了，老人容易绊倒',
      '路面塌陷了一块，车辆经过很危险',
      '城区主干道破损严重，颠簸得厉害',
      '小区外面的水泥路全是坑，请尽快修补',
      '路中间的沥青被挖开后一直没有回填',
    ],
    test: [
      '门前的路到处是坑，下雨天没法走',
      '道路破了一个大洞，昨天有人摔伤',
      '这条街的沥青开裂翘起，车子过去很颠',
    ],
  },
  211: {
    train: [
      '工地晚上十二点还在打桩，吵得睡不着',
      '附近工程夜间作业，机器轰鸣声太大',
      '凌晨还有搅拌车和挖掘机在干活，噪声扰民',
      '旁边楼盘建设天天晚上加班，噪声严重',
      '工地半夜切割钢筋的声音很刺耳',
      '深夜浇筑混凝土的声音影响休息',
      '建筑工地周末早上六点就开始施工，太吵',
      '地铁工地夜里一直响，孩子没法睡觉',
    ],
    test: [
      '工地夜里还在打桩，整晚都睡不好',
      '凌晨两点挖掘机还在作业，声音很大',
      '楼盘工地晚上加班作业，吵得人无法入睡',
    ],
  },
  221: {
    train: [
      '楼下饭馆的排烟管对着我家窗户，烟味很重',
      '烧烤店天天冒烟，整栋楼都是油腻味',
      '餐馆没有装净化设备，厨房的烟直接排到小区',
      '小吃店的烟熏得我们不敢开窗',
      '火锅店排气扇对着居民楼，气味刺鼻',
      '夜宵摊烟雾太大，衣服都不敢晒',
      '饭店的油烟管道直排，墙壁都熏黑了',
      '楼下餐厅炒菜的烟一直往楼上飘',
    ],
    test: [
      '楼下烧烤店的烟飘进我家，没法开窗',
      '饭馆厨房的烟直接排到居民窗口',
      '餐厅排烟没有净化，整个小区都是味道',
    ],
  },
  311: {
    train: [
      '希望增加一条到火车站的车，现在要换乘两次',
      '早高峰车太少，等半小时都上不去',
      '建议延长末班车时间，晚上下班没车回家',
      '小区附近没有站台，老人出行不方便',
      '这路车改线后绕远了，请恢复原来的走法',
      '公交车司机不按站停车，乘客下不了车',
      '希望开通到新区的班车，上班太远',
      '站牌信息不准，车一直不来',
    ],
    test: [
      '末班车太早了，加班后回不了家',
      '希望新开一条到医院的车，现在要换乘',
      '站台离小区太远，建议增设一个站',
    ],
  },
  411: {
    train: [
      '孩子今年上小学，户口和房产不在一起能报名吗',
      '幼儿园报名需要哪些材料',
      '随迁子女读书要办什么手续',
      '学区划分不合理，家门口的学校进不去',
      '外地户口的孩子怎么在本地上初中',
      '小学招生网上报名系统打不开',
      '孩子被分到很远的学校，能否就近安排',
      '积分入园的分数怎么算',
    ],
    test: [
      '外地孩子在这里读小学需要准备什么',
      '我家孩子明年上初中，学区怎么划的',
      '小学网上报名的时间是什么时候',
    ],
  },
};

export const SMALL_TRAIN: TrainingExample[] = Object.entries(texts).flatMap(([id, t]) =>
  t.train.map((text) => ({ text, categoryId: Number(id) })),
);

export const SMALL_TEST: TrainingExample[] = Object.entries(texts).flatMap(([id, t]) =>
  t.test.map((text) => ({ text, categoryId: Number(id) })),
);
