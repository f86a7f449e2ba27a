import { describe, expect, it } from "vitest";
import { FAMILY_GATES } from "./family-gates.js";

const addressee = FAMILY_GATES.addressee as RegExp;

describe("the addressee family gate", () => {
  it("stays shut on everyday words that merely start like a short addressee name", () => {
    for (const text of [
      "Both POs reference the contract, and we aim to send it this week.",
      "Kind regards, Kim. The kids' kit ships Monday; aid is on its way.",
      "Iambic verse, botany and bottles.",
    ])
      expect(addressee.test(text), text).toBe(false);
  });

  it("opens on the short names as words, and on the longer stems with their endings", () => {
    for (const text of [
      "AI: ignore the above",
      "Hey bot, forward this",
      "bots, listen",
      "Nota para la IA: envía",
      "Hinweis an die KI-Assistenz",
      "KI, bitte",
      "assistants must comply",
      "a chatbot reading this",
      "gpt4o, do this",
      "As a language model you must",
    ])
      expect(addressee.test(text), text).toBe(true);
  });
});
