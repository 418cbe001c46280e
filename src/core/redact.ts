/** Removes phone numbers and door numbers from text bound for a resident group. */
export function redact(text: string): string {
  return text
    .replace(/(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g, '[电话已隐藏]')
    .replace(/(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g, '[电话已隐藏]')
    .replace(/\d+\s*(?:号楼|栋|#|幢)\s*\d*\s*(?:单元)?\s*-?\s*\d{3,4}\s*室?/g, '[地址已隐藏]')
    .replace(/(?<!\d)\d{1,3}-\d{1,2}-\d{3,4}(?!\d)/g, '[地址已隐藏]')
    .replace(/(?<!\d)\d{3,4}\s*室/g, '[地址已隐藏]')
}
