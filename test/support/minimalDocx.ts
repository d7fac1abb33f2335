/*
 * Builds a small but genuine Word document (.docx: a ZIP of WordprocessingML parts) so the
 * Word import is tested on a real file, with headings styled as Word does (Heading1/Heading2).
 */
import fs from "node:fs";
import path from "node:path";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, "utf8");
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const escape = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const run = (text: string, bold = false) =>
  `<w:r>${bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${escape(text)}</w:t></w:r>`;

/**
 * Paragraphs: `# Heading` becomes a Heading1 paragraph, `**Text**` a bold-only one, `| a | b |`
 * a one-row table (as on a cover page), anything else a normal paragraph.
 */
export function minimalDocx(lines: readonly string[]): Buffer {
  const body = lines
    .map((line) => {
      if (line.startsWith("# "))
        return `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${run(line.slice(2))}</w:p>`;
      const bold = /^\*\*(.+)\*\*$/.exec(line);
      if (bold) return `<w:p>${run(bold[1]!, true)}</w:p>`;
      if (line.startsWith("|")) {
        const cells = line
          .split("|")
          .slice(1, -1)
          .map((c) => `<w:tc><w:p>${run(c.trim())}</w:p></w:tc>`);
        return `<w:tbl><w:tr>${cells.join("")}</w:tr></w:tbl>`;
      }
      return `<w:p>${run(line)}</w:p>`;
    })
    .join("");
  return zip({
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/_rels/document.xml.rels":
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    "word/styles.xml":
      '<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>',
    "word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  });
}

const bundled = fs.readFileSync(
  path.join(__dirname, "../../assets/policy/staff-social-media-policy.md"),
  "utf8",
);

/** The bundled policy as the school's Word master: a cover page, then its sections (edited). */
export function wordMaster(cover: readonly string[], edit: (text: string) => string): Buffer {
  const lines: string[] = [...cover];
  for (const line of edit(bundled.slice(bundled.indexOf("## Introduction"))).split("\n")) {
    const heading = /^## (.+?)\s*(\{#.*\})?$/.exec(line);
    if (heading) lines.push(`# ${heading[1]}`);
    else if (line.trim()) lines.push(line.replace(/^- /, ""));
  }
  return minimalDocx(lines);
}
