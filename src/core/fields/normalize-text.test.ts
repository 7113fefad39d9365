import { describe, expect, it } from 'vitest';
import { foldText, nameTokens } from './normalize-text';
import { PhraseSet, outside, prepare } from './phrase-set';

describe('foldText', () => {
  it('folds width, case, accents and punctuation the same way on both sides', () => {
    expect(foldText('ＯＴＰ Code')).toBe(' otp code ');
    expect(foldText('Código de verificación:')).toBe(' codigo de verificacion ');
    expect(foldText('Bestätigungs-Code')).toBe(' bestatigungs code ');
    expect(foldText('code d’authentification')).toBe(' code d authentification ');
  });

  it('puts a space between a Latin word and an adjoining CJK run', () => {
    expect(foldText('SMS验证码').startsWith(' sms ')).toBe(true);
  });
});

describe('nameTokens', () => {
  it.each([
    ['idvPin', ['idv', 'pin']],
    ['idTxtBx_SAOTCC_OTC', ['id', 'txt', 'bx', 'saotcc', 'otc']],
    ['user[otp_attempt]', ['user', 'otp', 'attempt']],
    ['two-factor-totp-authcode', ['two', 'factor', 'totp', 'authcode']],
    ['otp1', ['otp', '1']],
    ['2fa_code', ['2fa', 'code']],
    ['oneTimeCode', ['one', 'time', 'code']],
  ])('%s → %j', (attr, tokens) => {
    expect(nameTokens(attr)).toEqual(tokens);
  });
});

describe('PhraseSet', () => {
  it('matches spaced scripts at word boundaries only', () => {
    const pins = new PhraseSet(['pin']);
    expect(pins.hits(prepare('Enter your PIN'))).toHaveLength(1);
    expect(pins.hits(prepare('Loading spinner'))).toHaveLength(0);
  });

  it('matches CJK and Hangul phrases inside longer runs, spaces or not', () => {
    const set = new PhraseSet(['验证码', '인증 코드']);
    expect(set.hits(prepare('请输入动态验证码'))).toHaveLength(1);
    expect(set.hits(prepare('인증코드를 입력하세요'))).toHaveLength(1);
  });

  it('lets the longer phrase win where two overlap', () => {
    const text = prepare('Card security code');
    const code = new PhraseSet(['security code']).hits(text);
    const card = new PhraseSet(['card security code']).hits(text);
    expect(code).toHaveLength(1);
    expect(outside(code, card)).toHaveLength(0);
    expect(outside(card, code)).toHaveLength(1);
  });
});
