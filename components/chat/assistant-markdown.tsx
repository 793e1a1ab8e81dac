"use client";

import { Markdown, type MarkdownToJSX } from "markdown-to-jsx/react";

/**
 * A model's answer as the ChatKit UI shows it: markdown (emphasis, lists, code, links) rendered as
 * React elements. Raw HTML in the text stays text, and link targets pass the library's URL
 * sanitizer (no `javascript:`), so a model cannot put markup or script into the page.
 */
const OPTIONS: MarkdownToJSX.Options = {
  disableParsingRawHTML: true,
  forceBlock: true,
  overrides: {
    a: { props: { target: "_blank", rel: "noopener noreferrer" } },
  },
};

export function AssistantMarkdown({ text }: { text: string }) {
  return <Markdown options={OPTIONS}>{text}</Markdown>;
}
