import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RegisterDto } from './credentials.dto.js';

const problemsOf = (email: string) =>
  validateSync(plainToInstance(RegisterDto, { email, password: 'correct horse battery' })).map(
    (error) => error.property,
  );

describe('RegisterDto', () => {
  it('bounds the email as the account keeps it, not only as it was sent', () => {
    expect(problemsOf('ana@acme.com')).toEqual([]);
    expect(problemsOf(`ana@${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.com`)).toEqual([]);
    // 27 characters sent, 367 once normalised (NFKC spells the ligature out).
    const ligatures = `a@b${'\ufdfa'.repeat(20)}.com`;
    expect(ligatures.length).toBeLessThanOrEqual(254);
    expect(problemsOf(ligatures)).toEqual(['email']);
  });
});
