/**
 * The one error type the core throws for invalid input (a malformed analysis specification, a
 * count that is not a number, too few studies for a model...). It is a RangeError, so existing
 * `instanceof RangeError` checks keep working, but callers can tell it apart from a crash: the CLI
 * exits 2 for an InputError and 1 for anything else. Messages are one line and name the study (by
 * its id) and the field where there is one, e.g. `study "Aronson 1948": ai must be a non-negative number`.
 *
 * Example: throw new InputError('level must be a fraction in (0, 1) such as 0.95, or a percentage in (1, 100) such as 95')
 */
export class InputError extends RangeError {
  override name = 'InputError'
}
