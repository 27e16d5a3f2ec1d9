// Errors the platform answers with: a stable code, a message in Chinese and English, and for validation
// the fields at fault. Services throw these; the HTTP layer turns them into JSON.

export interface FieldError {
  field: string; // path in the request body, e.g. 'members[1].idNumber'
  code: string;
  message: string; // Chinese
  messageEn: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly fields: FieldError[] = [],
  ) {
    super(messageEn);
    this.name = 'AppError';
  }
}

export const notFound = (what = '记录', whatEn = 'record') =>
  new AppError(404, 'NOT_FOUND', `${what}不存在`, `${whatEn} not found`);

export const forbidden = () => new AppError(403, 'FORBIDDEN', '无权执行此操作', 'You are not allowed to do this');

export const validationFailed = (fields: FieldError[]) =>
  new AppError(400, 'VALIDATION', fields.length === 1 ? fields[0].message : `有 ${fields.length} 处填写有误`,
    fields.length === 1 ? fields[0].messageEn : `${fields.length} fields are invalid`, fields);

export const versionConflict = () =>
  new AppError(409, 'VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试', 'This record was changed by someone else; reload and try again');

export function fieldError(field: string, code: string, message: string, messageEn: string): FieldError {
  return { field, code, message, messageEn };
}
