/**
 * A file a function hands out (an Excel list, a frozen applicant list, a draw record): inline on
 * the local host, or — in WeChat, where a function's result is capped at 1 MB — a temporary link
 * to the file in cloud storage.
 */
export type FileDownload =
  | { readonly fileName: string; readonly base64: string; readonly url?: undefined }
  | { readonly fileName: string; readonly url: string; readonly base64?: undefined };
