// Free-text names are checked at the edge (shared/display-text.ts): 400 `bad_text` names the field and the
// kind of character refused.
import { textProblem, textProblemMessage } from '../../shared/display-text.ts';
import { HttpError } from './errors.ts';

export function assertPlainText(field: string, value: string | undefined): void {
  if (value === undefined) return;
  const problem = textProblem(value);
  if (problem) throw new HttpError(400, 'bad_text', textProblemMessage(field, problem));
}
