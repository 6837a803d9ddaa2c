// The real client of a Docusaurus page: MDX 3 (what Docusaurus 3 compiles pages with).
// For each page given, strips the frontmatter (Docusaurus reads it apart), compiles the
// page with @mdx-js/mdx and remark-directive (Docusaurus's admonitions), and prints one
// JSON line: the page's structure from the MDX syntax tree, text left out, or the
// error that stopped MDX ({"path", "error"}). Run by tests/cli/test_docusaurus.py from
// the folder the packages are installed in.
import { readFileSync } from "node:fs";
import { compile } from "@mdx-js/mdx";
import remarkDirective from "remark-directive";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";

const translatable = new Set((process.env.MDX_TRANSLATABLE || "").split(",").filter(Boolean));

function attribute(node) {
  if (node.type === "mdxJsxExpressionAttribute") return `{${node.value}}`;
  if (translatable.has(node.name) && typeof node.value === "string") return `${node.name}=…`;
  const value = node.value && typeof node.value === "object" ? `{${node.value.value}}` : JSON.stringify(node.value);
  return `${node.name}=${value}`;
}

function describe(node, out) {
  if (node.type === "text") return;
  let line = node.type;
  if (node.type.startsWith("mdxJsx")) line += ` <${node.name ?? ""} ${node.attributes.map(attribute).join(" ")}>`;
  else if (["mdxFlowExpression", "mdxTextExpression", "mdxjsEsm", "inlineCode"].includes(node.type)) line += ` ${node.value}`;
  else if (node.type === "code") line += ` ${node.lang ?? ""} ${node.value}`;
  else if (node.type === "heading") line += ` ${node.depth}`;
  else if (node.type === "containerDirective") line += ` ${node.name}`;
  else if (node.type === "link" || node.type === "image") line += ` ${node.url}`;
  out.push(line);
  for (const child of node.children ?? []) describe(child, out);
}

for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, "utf8").replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, "");
  try {
    await compile(text, { format: "mdx", remarkPlugins: [remarkDirective] });
  } catch (error) {
    console.log(JSON.stringify({ path, error: error.message }));
    continue;
  }
  const tree = unified().use(remarkParse).use(remarkMdx).use(remarkDirective).parse(text);
  const out = [];
  describe(tree, out);
  console.log(JSON.stringify({ path, structure: out }));
}
