import { type SignalRule, signal } from "../signal-rule.js";

const GAP = "[^.!?\\n]{0,40}";

/** Asks the agent to hide what it does from the user. */
export const SECRECY_RULES: readonly SignalRule[] = [
  signal(
    "secrecy",
    "secrecy_en",
    {
      meaning: "Do not tell / inform the user, silently, without notifying, keep this between us.",
      matches: [
        "do not tell the user",
        "Don't mention this to anyone",
        "silently forward",
        "without notifying the owner",
        "keep this between us",
        "the user must not know",
      ],
      ignores: ["tell the user the price", "a silent film", "notify the owner today"],
      lang: "en",
    },
    `\\m(?:do\\s+not|don['’]t|never|must\\s+not|should\\s+not|shouldn['’]t)\\s+(?:tell|inform|notify|alert|mention|disclose|reveal|show|report|say|let)\\M${GAP}\\m(?:user|users|customer|human|requester|recipient|owner|anyone|anybody|them|him|her|sender|person|team)\\M|\\m(?:do\\s+not|don['’]t|never)\\s+(?:mention|reveal|disclose|reference|acknowledge|include)\\s+(?:this|these|that|the\\s+(?:above|following))\\s*(?:instructions?|notes?|messages?|steps?|requests?|actions?)?\\M|\\m(?:silently|quietly|secretly|covertly|discreetly|stealthily)\\M|\\mwithout\\s+(?:notifying|telling|informing|alerting|asking|warning|mentioning|confirming\\s+with|letting)\\M|\\mkeep\\s+(?:this|it|that)\\s+(?:between\\s+us|secret|confidential|hidden|quiet|to\\s+yourself)\\M|\\m(?:the\\s+)?(?:user|customer|owner|they)\\s+(?:must\\s+not|should\\s+not|shouldn['’]t|need\\s+not|doesn['’]t\\s+need\\s+to|does\\s+not\\s+need\\s+to)\\s+(?:know|be\\s+told|be\\s+informed|notice|see|find\\s+out)\\M|\\min\\s+the\\s+background\\s+without\\M|\\mhide\\s+(?:this|it|that|these|the)\\M[^.!?\\n]{0,30}\\mfrom\\s+(?:the\\s+|your\\s+)?(?:user|owner|audit|logs?|summary|report|history)\\M|\\mkeep\\s+(?:this|it|that)\\s+(?:\\p{L}+\\s+){0,2}out\\s+of\\s+(?:the\\s+|your\\s+)?(?:summary|report|logs?|reply|response|answer)\\M`,
  ),
  signal(
    "secrecy",
    "secrecy_de",
    {
      meaning: "German secrecy: sag dem Nutzer nichts, ohne den Nutzer zu informieren, stillschweigend.",
      matches: [
        "Sag dem Nutzer nichts davon",
        "informiere den Benutzer nicht",
        "ohne den Nutzer zu benachrichtigen",
        "stillschweigend weiterleiten",
        "Das bleibt unter uns",
      ],
      ignores: ["Sag dem Nutzer Bescheid", "ohne Zucker"],
      lang: "de",
    },
    `\\m(?:sag|sage|sagen\\s+sie|erwähn|erwaehn|informier|benachrichtig|verrat|teil|zeig)\\p{L}*${GAP}\\m(?:nicht|nichts|niemandem|keinem)\\M|\\m(?:nicht|nichts)\\s+(?:erwähnen|sagen|mitteilen|verraten|melden)\\M|\\mohne\\s+(?:[\\p{L}-]+\\s+){0,3}(?:zu\\s+)?(?:informieren|benachrichtigen|fragen|erwähnen|warnen|bescheid\\s+zu\\s+geben)\\M|\\m(?:stillschweigend|heimlich|unauffällig|unbemerkt|im\\s+stillen)\\M|\\mbleibt\\s+unter\\s+uns\\M`,
  ),
  signal(
    "secrecy",
    "secrecy_es",
    {
      meaning: "Spanish secrecy: no le digas al usuario, sin avisar, en silencio, entre nosotros.",
      matches: [
        "No le digas nada al usuario",
        "no informes al usuario",
        "sin avisar al usuario",
        "reenvíalo en silencio",
        "esto queda entre nosotros",
      ],
      ignores: ["Dile al usuario el precio", "sin azúcar"],
      lang: "es",
    },
    `\\mno\\s+(?:le\\s+|les\\s+|lo\\s+|se\\s+lo\\s+)?(?:digas|diga|informes|informe|menciones|mencione|avises|avise|notifiques|notifique|comentes|cuentes|reveles|muestres)\\M|\\msin\\s+(?:avisar|informar|notificar|decir(?:le)?|mencionar|alertar|preguntar|que\\s+(?:el\\s+usuario|nadie)\\s+(?:lo\\s+)?sepa)\\M|\\m(?:en\\s+silencio|silenciosamente|discretamente|en\\s+secreto|a\\s+escondidas)\\M|\\mentre\\s+nosotros\\M`,
  ),
  signal(
    "secrecy",
    "secrecy_fr",
    {
      meaning: "French secrecy: ne le dis pas à l'utilisateur, sans l'informer, silencieusement, entre nous.",
      matches: [
        "Ne dis rien à l'utilisateur",
        "ne le mentionnez pas",
        "sans informer l'utilisateur",
        "transfère-le silencieusement",
        "cela reste entre nous",
      ],
      ignores: ["Dites à l'utilisateur le prix", "sans sucre"],
      lang: "fr",
    },
    `\\mne\\s+(?:le\\s+|lui\\s+|leur\\s+|en\\s+|l['’]|rien\\s+)*(?:dis|dites|mentionne[zs]?|informe[zs]?|pr[ée]viens|pr[ée]venez|signale[zs]?|r[ée]v[eè]le[zs]?|montre[zs]?|parle[zs]?)\\s+(?:pas|rien|jamais)\\M|\\mne\\s+dis\\s+rien\\M|\\mne\\s+dites\\s+rien\\M|\\msans\\s+(?:en\\s+|l['’]|le\\s+|les\\s+|lui\\s+)?(?:informer|avertir|pr[ée]venir|notifier|mentionner|dire|demander|alerter)\\M|\\m(?:silencieusement|discr[eè]tement|en\\s+secret|en\\s+cachette)\\M|\\mentre\\s+nous\\M`,
  ),
  signal(
    "secrecy",
    "secrecy_pt",
    {
      meaning: "Portuguese secrecy: não diga ao usuário, sem avisar, silenciosamente, entre nós.",
      matches: [
        "Não diga nada ao usuário",
        "nao informe o usuario",
        "sem avisar o usuário",
        "encaminhe silenciosamente",
        "isso fica entre nós",
      ],
      ignores: ["Diga ao usuário o preço", "sem açúcar"],
      lang: "pt",
    },
    `\\mn[ãa]o\\s+(?:lhe\\s+|o\\s+|a\\s+)?(?:diga|digas|informe|mencione|avise|notifique|conte|revele|mostre|comente)\\M|\\msem\\s+(?:avisar|informar|notificar|dizer|mencionar|alertar|perguntar|que\\s+(?:o\\s+usu[áa]rio|ningu[ée]m)\\s+saiba)\\M|\\m(?:silenciosamente|discretamente|em\\s+sil[êe]ncio|em\\s+segredo|às\\s+escondidas)\\M|\\mentre\\s+n[óo]s\\M`,
  ),
  signal(
    "secrecy",
    "secrecy_it",
    {
      meaning: "Italian secrecy: non dire all'utente, senza avvisare, silenziosamente, tra noi.",
      matches: [
        "Non dire nulla all'utente",
        "non informare l'utente",
        "senza avvisare l'utente",
        "inoltra silenziosamente",
        "resta tra noi",
      ],
      ignores: ["Di' all'utente il prezzo", "senza zucchero"],
      lang: "it",
    },
    `\\mnon\\s+(?:lo\\s+|gli\\s+|le\\s+)?(?:dire|dirlo|dirgli|informare|menzionare|avvisare|notificare|rivelare|mostrare|segnalare|comunicare)\\M|\\msenza\\s+(?:avvisare|informare|notificare|dire|menzionare|chiedere|avvertire)\\M|\\m(?:silenziosamente|in\\s+silenzio|di\\s+nascosto|segretamente|discretamente)\\M|\\m(?:tra|fra)\\s+(?:noi|di\\s+noi)\\M`,
  ),
];
