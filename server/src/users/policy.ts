import { AppError } from '../errors.ts';
import type { Services } from '../services.ts';
import { isValidScope } from './regions.ts';

/** Passwords chosen by an administrator: long enough to resist guessing (ANSSI: ≥ 12). */
export const MIN_PASSWORD_LENGTH = 12;

export function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('USER_WEAK_PASSWORD', { min: MIN_PASSWORD_LENGTH });
  }
}

export async function checkScope(services: Services, scope: string): Promise<void> {
  if (!(await isValidScope(services, scope))) throw new AppError('USER_INVALID_SCOPE', { scope });
}
