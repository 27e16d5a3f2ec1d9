// What the three action dialogs (记录复核, 确认好转, 终止待遇) share: sending the form, the server's field errors
// placed on their fields, the rest listed above the form, and a 409 handed to the page (someone acted first).
import { useState } from 'react';
import { Alert, Form, type FormInstance } from 'antd';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { clearAllErrors, placeErrors, reported, type FormFieldPath } from '../../components/form-errors';

export function useActionForm<V, R>(options: {
  send: (values: V) => Promise<R>;
  onDone: (result: R) => void;
  /** Where a server error's field path lands in this form (null: listed above the form). */
  errorField: (field: string) => FormFieldPath | null;
  /** 409: handled by the page; without it a conflict is listed like any other error. */
  onConflict?: (error: ApiError) => void;
}): { form: FormInstance<V>; busy: boolean; problems: string[]; submit: (values: V) => Promise<void> } {
  const { pick, errorText } = useI18n();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const submit = async (values: V) => {
    setBusy(true);
    setProblems([]);
    clearAllErrors(form);
    try {
      options.onDone(await options.send(values));
    } catch (e) {
      if (e instanceof ApiError && e.isConflict && options.onConflict) options.onConflict(e);
      else if (e instanceof ApiError && e.fields.length) setProblems(placeErrors(form, reported(e.fields), options.errorField, pick));
      else setProblems([errorText(e)]);
    } finally {
      setBusy(false);
    }
  };
  return { form, busy, problems, submit };
}

/** The errors no field of the form owns. */
export function ActionProblems({ problems, testId }: { problems: string[]; testId: string }) {
  const { t } = useI18n();
  if (!problems.length) return null;
  return (
    <Alert type="error" showIcon className="sn-gap" title={t('benefits.actions.problems')}
      description={<ul className="sn-error-list">{problems.map((g, i) => <li key={i}>{g}</li>)}</ul>} data-testid={testId} />
  );
}
