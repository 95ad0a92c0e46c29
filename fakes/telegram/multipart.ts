import { decodeUtf8Lossless } from "./unicode.js";

/**
 * A small multipart/form-data parser. Tolerant on purpose: grammY writes headers without spaces
 * (`content-disposition:form-data;name="x";filename=a b.ics`, filename unquoted), browsers and
 * undici write `Content-Disposition: form-data; name="x"; filename="a.ics"`.
 */

export interface UploadedFile {
  /** Part name (what `attach://<name>` refers to). */
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface MultipartResult {
  fields: Record<string, string>;
  files: Map<string, UploadedFile>;
}

export function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

function headerParam(header: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*`, "i");
  const m = re.exec(header);
  if (!m) return undefined;
  const rest = header.slice(m.index + m[0].length);
  if (rest.startsWith('"')) {
    let out = "";
    for (let i = 1; i < rest.length; i++) {
      const c = rest[i];
      if (c === "\\" && i + 1 < rest.length) {
        out += rest[++i];
      } else if (c === '"') {
        return out;
      } else {
        out += c;
      }
    }
    return out;
  }
  // Unquoted: grammY puts `filename=` last on the line, so the value runs to the end of it.
  if (name === "filename") return rest.trim();
  const end = rest.indexOf(";");
  return (end === -1 ? rest : rest.slice(0, end)).trim();
}

export function parseMultipart(body: Buffer, boundary: string): MultipartResult {
  const fields: Record<string, string> = {};
  const files = new Map<string, UploadedFile>();
  const data = Buffer.concat([Buffer.from("\r\n"), body]);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let pos = data.indexOf(delimiter);
  if (pos === -1) throw new Error("multipart body without boundary");
  while (pos !== -1) {
    const afterDelimiter = pos + delimiter.length;
    if (data.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--") break; // closing delimiter
    const partStart = data.indexOf("\r\n", afterDelimiter) + 2;
    const next = data.indexOf(delimiter, partStart);
    if (next === -1) throw new Error("multipart body is truncated");
    const part = data.subarray(partStart, next);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd === -1) throw new Error("multipart part without headers");
    const headers = new Map<string, string>();
    for (const line of part.subarray(0, headerEnd).toString("utf8").split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const content = part.subarray(headerEnd + 4);
    const disposition = headers.get("content-disposition") ?? "";
    const name = headerParam(disposition, "name");
    if (name !== undefined) {
      const filename = headerParam(disposition, "filename");
      if (filename !== undefined) {
        files.set(name, {
          field: name,
          filename,
          contentType: headers.get("content-type") ?? "application/octet-stream",
          bytes: Buffer.from(content),
        });
      } else {
        fields[name] = decodeUtf8Lossless(content);
      }
    }
    pos = next;
  }
  return { fields, files };
}
