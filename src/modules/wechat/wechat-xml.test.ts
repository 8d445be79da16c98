import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { cdata, hasDeclarations, parseWechatXml, textReplyXml } from './wechat-xml.js';

const refusal = (text: string) => {
  try {
    parseWechatXml(text);
  } catch (error) {
    return error;
  }
  return null;
};

describe('WeChat XML', () => {
  it('reads every field as text: a 64-bit MsgId keeps its digits, CDATA keeps 𠮷 and emoji', () => {
    const fields = parseWechatXml(
      '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1772413200</CreateTime>' +
        '<Content><![CDATA[ 路灯 𠮷😀 ]]></Content><MsgId>6054768590064713728</MsgId>' +
        '<Location_X>28.871</Location_X><Label>a &amp; b</Label></xml>',
    );
    expect(fields).toEqual({
      ToUserName: 'gh_1',
      CreateTime: '1772413200',
      Content: ' 路灯 𠮷😀 ',
      MsgId: '6054768590064713728',
      Location_X: '28.871',
      Label: 'a & b',
    });
  });

  it('refuses a DOCTYPE or an ENTITY, however it is hidden (XXE)', () => {
    const attacks = [
      '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Content>&x;</Content></xml>',
      '<!doctype xml><xml><Content>a</Content></xml>',
      '<!-- <![CDATA[ --><!DOCTYPE xml [<!ENTITY x "y">]><!-- ]]> --><xml><Content>&x;</Content></xml>',
      '<?pi <![CDATA[ ?><!DOCTYPE xml><?pi ]]> ?><xml/>',
      '<xml><!ENTITY x "y"></xml>',
    ];
    for (const attack of attacks) {
      expect(refusal(attack), attack).toMatchObject({ code: 'WECHAT_XML_REFUSED', field: 'body' });
    }
  });

  it('lets a citizen write "<!DOCTYPE" inside their text', () => {
    const text =
      '<xml><Content><![CDATA[我在网页上看到 <!DOCTYPE html> 是什么意思]]></Content></xml>';
    expect(hasDeclarations(text)).toBe(false);
    expect(parseWechatXml(text).Content).toBe('我在网页上看到 <!DOCTYPE html> 是什么意思');
  });

  it('refuses malformed XML and a body that is not one <xml> element', () => {
    expect(refusal('<xml><Content>a</Cont></xml>')).toMatchObject({ code: 'WECHAT_XML_INVALID' });
    expect(refusal('just words')).toMatchObject({ code: 'WECHAT_XML_INVALID' });
    expect(refusal('<other><a>1</a></other>')).toMatchObject({ code: 'WECHAT_XML_INVALID' });
  });

  it('writes replies any XML reader reads back exactly, "]]>" and all', () => {
    const content = '答复：]]> 已处理 <b>&amp; 𠮷😀\u0001';
    const xml = textReplyXml({ toUser: 'o-1', fromUser: 'gh_1', createTime: 1, content });
    const read = new XMLParser({ parseTagValue: false }).parse(xml) as {
      xml: Record<string, string>;
    };
    expect(read.xml.Content).toBe('答复：]]> 已处理 <b>&amp; 𠮷😀');
    expect(parseWechatXml(xml).Content).toBe('答复：]]> 已处理 <b>&amp; 𠮷😀');
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
  });
});
