/**
 * How big a spreadsheet an import takes. The file travels as base64 inside the call's request,
 * and WeChat refuses a request over about 6 MB before the function even starts (the family or
 * the bureau would only see a network error), so the largest file is 4 MB: 5.6 MB as base64,
 * with room for the rest of the request. The page checks the size before sending; the function
 * checks it again.
 */
export const IMPORT_MAX_BYTES = 4 * 1024 * 1024;

/** The base64 length of a file of `bytes` bytes. */
export const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4;

export const IMPORT_TOO_BIG = '表格文件超过4MB，请删去不需要的内容或分成几个文件导入。';
