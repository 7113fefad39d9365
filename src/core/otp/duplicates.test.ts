import { describe, expect, it } from 'vitest';
import { findDuplicate } from './duplicates';
import { newAccount } from './new-account';

const stored = [
  newAccount({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', name: 'ann' }),
  newAccount({ secret: 'KRSXG5CTMVRXEZLU', issuer: 'Bank', name: 'ben' }),
];

describe('findDuplicate', () => {
  it('finds the account holding the same secret, whatever its spacing and case', () => {
    expect(findDuplicate(stored, 'KRSXG5CTMVRXEZLU')?.issuer).toBe('Bank');
    expect(findDuplicate(stored, 'jbsw y3dp ehpk 3pxp')?.issuer).toBe('GitHub');
  });

  it('finds nothing for a new secret or text that is not a secret', () => {
    expect(findDuplicate(stored, 'MFRGGZDFMZTWQ2LK')).toBeUndefined();
    expect(findDuplicate(stored, 'not a secret!')).toBeUndefined();
    expect(findDuplicate([], 'JBSWY3DPEHPK3PXP')).toBeUndefined();
  });
});
