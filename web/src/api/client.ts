// The one way the workbench talks to the platform: same-origin fetch with the session cookie, the CSRF token
// on every change, JSON in and out, and the platform's error JSON turned into a typed ApiError.
import type { FieldError } from '../../../src/platform/errors';

export type { FieldError };

/** The body of every failed answer (src/platform/http/error-handler.ts). */
interface ErrorBody {
  error: { code: string; message: string; messageEn: string; fields?: FieldError[] };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly fields: FieldError[] = [],
  ) {
    super(messageEn);
    this.name = 'ApiError';
  }

  get isNotFound() {
    return this.status === 404;
  }

  get isConflict() {
    return this.status === 409;
  }
}

/** Status 0: the request never got an answer (offline, server down). */
export const NETWORK_ERROR = 'NETWORK';

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when a request answers 401 (the session ended): the session provider shows the login page. */
export function setUnauthorizedHandler(handler: (() => void) | null) {
  onUnauthorized = handler;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  query?: object;
  signal?: AbortSignal;
  /** Do not treat a 401 as an ended session (the login request itself). */
  expectUnauthorized?: boolean;
}

function isErrorBody(x: unknown): x is ErrorBody {
  return typeof x === 'object' && x !== null && typeof (x as ErrorBody).error?.code === 'string';
}

export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(`/api/v1${path}`, window.location.origin);
  for (const [k, v] of Object.entries(options.query ?? {}) as [string, unknown][]) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw networkError();
  }

  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (response.ok) return data as T;

  if (response.status === 401 && !options.expectUnauthorized) onUnauthorized?.();
  throw errorFrom(response.status, data);
}

/** The ApiError for a failed answer: the platform's error JSON, or a generic one for anything else. */
function errorFrom(status: number, data: unknown): ApiError {
  if (isErrorBody(data)) {
    const { code, message, messageEn, fields } = data.error;
    return new ApiError(status, code, message, messageEn, fields ?? []);
  }
  return new ApiError(status, `HTTP_${status}`, `服务器返回错误（${status}）`, `The server answered with an error (${status})`);
}

const networkError = () =>
  new ApiError(0, NETWORK_ERROR, '无法连接服务器，请检查网络后重试', 'Cannot reach the server; check the network and try again');

export interface UploadOptions {
  /** Bytes sent so far and in all, from the browser's upload progress events. */
  onProgress?: (loaded: number, total: number) => void;
  /** Called once the whole body is sent: the server is now working on it. */
  onSent?: () => void;
  signal?: AbortSignal;
  /** Failure statuses whose body is an answer, not an error (422 for a refused import's report). */
  answerStatuses?: number[];
}

/** A multipart POST with upload progress. fetch() reports no upload progress, so this uses XMLHttpRequest,
 *  with the same cookie, CSRF header and error handling as apiRequest. */
export function apiUpload<T>(path: string, body: FormData, options: UploadOptions = {}): Promise<{ status: number; data: T }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded, e.total);
    };
    xhr.upload.onload = () => options.onSent?.();
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if ((xhr.status >= 200 && xhr.status < 300) || options.answerStatuses?.includes(xhr.status)) {
        resolve({ status: xhr.status, data: data as T });
        return;
      }
      if (xhr.status === 401) onUnauthorized?.();
      reject(errorFrom(xhr.status, data));
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    if (options.signal) {
      if (options.signal.aborted) {
        reject(new DOMException('The upload was cancelled', 'AbortError'));
        return;
      }
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(body);
  });
}
