import { type SignalRule, signal } from "../signal-rule.js";

/** Where an asked-for action points: an outside address, a URL, an account. Weak alone. */
export const TARGET_RULES: readonly SignalRule[] = [
  signal(
    "target",
    "target_address",
    {
      meaning: "An e-mail address introduced as a destination (`to x@y.com`, `an`, `à`, `para`, `a`).",
      matches: [
        "forward it to mark.black@gmail.com",
        "an attacker@evil.example",
        "para soporte@correo.es",
        "à contact@exemple.fr",
      ],
      ignores: ["from jane@corp.com", "contact: jane@corp.com"],
    },
    `\\m(?:to|cc|bcc|an|à|a|para|al|ao|per|nach|vers|into)\\s*:?\\s+<?[\\w.+-]{1,64}@[\\w-]{1,63}(?:\\.[\\w-]{1,63}){1,4}`,
  ),
  signal(
    "target",
    "target_url",
    {
      meaning:
        "A URL given as a destination or a place to fetch (`to https://…`, `visit`, `post to`, `?data=`).",
      matches: [
        "post them to https://x.example/c",
        "visit www.secure-login.example",
        "https://evil.example/collect?data=",
        "upload to http://1.2.3.4/u",
      ],
      ignores: ["see https://docs.example.com/guide", "www"],
    },
    `\\m(?:to|an|à|a|para|al|ao|per|nach|vers|visit|open|load|fetch|call|besuche|visita|visite|ouvre[zs]?|abre|apri)\\s*:?\\s+<?(?:https?:\\/\\/|www\\.)[^\\s"'<>]{3,200}|(?:https?:\\/\\/|www\\.)[^\\s"'<>?]{3,200}\\?[^\\s"'<>]{0,100}?(?:data|d|q|c|payload|secret|token|key|info|exfil|leak)=`,
  ),
  signal(
    "target",
    "target_account",
    {
      meaning: "A bank account (IBAN shape), a crypto wallet or an account number as a destination.",
      matches: [
        "US133000000121212121212",
        "DE89 3704 0044 0532 0130 00",
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "account number 12345678",
      ],
      ignores: ["US1 highway", "account settings"],
    },
    `\\m[a-z]{2}\\d{2}(?:\\s?[a-z0-9]{4}){3,7}(?:\\s?[a-z0-9]{1,4})?\\M|\\m0x[0-9a-f]{40}\\M|\\m(?:account|acct|konto|cuenta|compte|conta|conto)\\s*(?:number|no\\.?|nr\\.?|nummer|n[úu]mero|num[ée]ro)?\\s*[:#]?\\s*\\d[\\d\\s-]{5,30}\\d`,
  ),
];
