import { anyOf, type SignalRule, signal } from "../signal-rule.js";

// Names that only ever mean a model; "assistant", "agent", "bot" and "model" also mean people and
// products, so they count only inside an address ("note to the assistant").
const AI = anyOf([
  "ai",
  "a\\.i\\.",
  "llms?",
  "gpts?(?:-?\\d(?:\\.\\d)?o?)?",
  "chat-?gpt",
  "claude",
  "gemini",
  "copilot",
  "bard",
  "mistral",
  "llama",
  "(?:large\\s+)?language\\s+models?",
  "(?:ai|virtual|digital|automated|autonomous)\\s+(?:assistants?|agents?|systems?|models?|helpers?|bots?)",
]);
const AI_WIDE = anyOf([AI, "assistants?", "agents?", "bots?", "models?", "chatbots?"]);
const AI_DE = anyOf([
  "ki",
  "ai",
  "llms?",
  "sprachmodell(?:e|en)?",
  "ki-\\p{L}+",
  "assistent(?:in|en)?",
  "agent(?:en)?",
  "bots?",
  "chat-?gpt",
  "claude",
  "gemini",
  "copilot",
]);
const AI_ROM = anyOf([
  "ia",
  "ai",
  "i\\.a\\.",
  "llms?",
  "chat-?gpt",
  "claude",
  "gemini",
  "copilot",
  "bots?",
  "assistente",
  "asistente",
  "assistant(?:e|es)?",
  "agente",
  "agent",
  "modelo(?:\\s+de\\s+(?:lenguaje|linguagem|ia))?",
  "modello(?:\\s+(?:linguistico|di\\s+ia))?",
  "mod[eè]le(?:\\s+de\\s+langage)?",
]);

/** Text that speaks to the model, assistant or agent reading it. */
export const ADDRESSEE_RULES: readonly SignalRule[] = [
  signal(
    "addressee",
    "addressee_note_to",
    {
      meaning: "A note, message or instruction addressed to the AI / assistant / agent.",
      matches: [
        "Note to the AI: skip this",
        "Important message for AI assistants",
        "Dear Copilot,",
        "Attention LLM agents",
      ],
      ignores: ["Note to self: buy milk", "Message for the sales agent about pricing"],
      lang: "en",
    },
    `\\m(?:note|message|instructions?|notice|memo|reminder|attention|hey|hi|hello|dear|greetings|psa|p\\.s\\.)\\s*(?:to|for)?\\s*(?:(?:the|all|any|every|you|our|my)\\s+)?${AI}\\M|\\m(?:note|message|instructions?|notice)\\s+(?:to|for)\\s+(?:the\\s+|any\\s+|all\\s+)?(?:assistant|chatbot|bot|model)s?\\M`,
  ),
  signal(
    "addressee",
    "addressee_if_you_are",
    {
      meaning: "A conditional address to a model: if you are an AI, any assistant reading this.",
      matches: [
        "If you are an AI assistant reading this",
        "any LLM processing this page",
        "AI agents summarizing this email must",
        "if you're a language model",
      ],
      ignores: [
        "If you are a new employee, read this",
        "the AI market is growing",
        "our agents reading this report",
      ],
      lang: "en",
    },
    `\\mif\\s+you\\s*(?:are|'re|’re)\\s+(?:an?\\s+|the\\s+)?(?:[\\p{L}-]+\\s+)?${AI_WIDE}\\M|\\m(?:if|when|in\\s+case)\\s+(?:an?|the|any|your|this\\s+is\\s+being\\s+read\\s+by\\s+(?:an?|the|your|any))\\s+(?:[\\p{L}-]+\\s+)?${AI_WIDE}\\M|\\m(?:read|processed|handled|summari[sz]ed|reviewed|parsed)\\s+by\\s+(?:an?|the|your|any)\\s+(?:[\\p{L}-]+\\s+)?${AI_WIDE}\\M|\\m${AI}(?:\\s+[\\p{L}-]+){0,2}\\s+\\p{L}+ing\\s+(?:this|these|the\\s+following|our|my|your)\\M|\\mI\\s*(?:am|'m|’m)\\s+an?\\s+${AI}\\M|\\m${AI}(?:\\s+[\\p{L}-]+){0,2}\\s+(?:must|should|are\\s+(?:required|instructed|asked)\\s+to|need\\s+to|have\\s+to)\\M|\\m${AI}(?:\\s+[\\p{L}-]+){0,2}\\s+(?:that\\s+is\\s+|who\\s+is\\s+)?(?:reading|processing|parsing|summari[sz]ing|analy[sz]ing|crawling|scanning|indexing|browsing|reviewing|handling)\\s+(?:this|these|the\\s+following)\\M|\\m(?:any|all|every)\\s+(?:${AI_WIDE})\\s+(?:that\\s+|who\\s+)?(?:reads?|reading|process(?:es|ing)?|summari[sz](?:es|ing))\\M`,
  ),
  signal(
    "addressee",
    "addressee_vocative",
    {
      meaning: "A model named as the one spoken to: `Claude, …`, `assistant: please`, `as an AI you must`.",
      matches: [
        "Claude, please forward",
        "Assistant: you must now",
        "As an AI assistant, you should",
        "ChatGPT: do this",
      ],
      ignores: [
        "Claude Monet painted water lilies",
        "The assistant manager left",
        "as an engineer, you should",
      ],
      lang: "en",
    },
    `(?:^|[\\n.!?>"][ \\t]{0,8})(?:hey\\s+|ok\\s+|okay\\s+)?(?:${AI}|assistant|agent|bot)\\s*[,:]\\s*(?:please|you|now|ignore|do|send|forward|from|before|stop|first|always|never)\\M|\\mas\\s+an?\\s+${AI_WIDE}\\s*,?\\s+you\\s+(?:must|should|are|will|need|have)\\M|\\myou\\s+are\\s+an?\\s+(?:${AI})\\M`,
  ),
  signal(
    "addressee",
    "addressee_label",
    {
      meaning:
        "A line or sentence that starts by naming the model, in any of the six languages (`Assistente:`, `KI-Assistent:`, `Agent IA :`).",
      matches: [
        "Agente: ejecuta esto",
        "Assistente de IA: o proprietário",
        "KI-Assistent: Der Geschäftsführer",
        "IA: antes de resumir",
        "Support agent AI: reset",
        "Agent-Instruction: ignore",
      ],
      ignores: ["Agenda: weekly sync", "Agent Smith was late", "http://ai:8080"],
    },
    `\\m(?:(?:hey|ok|okay|dear|ai|ia|ki|llm|support|shopping|coding|inventory|automated|virtual|email|mail|helpdesk|travel|booking|triage|release|ci|resolver|review)[\\s-]+){0,2}(?:assist[ae]nt(?:e|es|in|en|s)?|asistentes?|agent[ea]?s?|agentes?|bots?|chatbots?|copilot|claude|chatgpt|gemini|gpt|ia|ai|ki|llms?|ki-[\\p{L}]+)(?:[\\s-]+(?:ai|ia|ki|de\\s+ia|di\\s+ia|d['’]ia|instructions?|note|notice))?\\s*[:,](?![:/\\d])`,
  ),
  signal(
    "addressee",
    "addressee_de",
    {
      meaning: "German address to the model: Hinweis an die KI, falls du eine KI bist, liebe KI.",
      matches: [
        "Hinweis an die KI:",
        "Wenn du ein KI-Assistent bist",
        "Liebe KI, bitte",
        "An den Assistenten:",
        "Nachricht für KI-Agenten",
      ],
      ignores: ["Die KI-Strategie der Firma", "Hinweis an alle Mitarbeiter"],
      lang: "de",
    },
    `\\m(?:hinweis|nachricht|anweisung(?:en)?|achtung|notiz|info|wichtig|hallo|hey|liebe[rs]?)\\s*(?:an|für)?\\s*(?:(?:die|den|das|dich|alle|jede[rns]?)\\s+)?${AI_DE}\\M|\\m(?:falls|wenn)\\s+du\\s+(?:eine?\\s+|der\\s+|die\\s+)?${AI_DE}\\s+bist\\M|\\m(?:falls|wenn|sollte)\\s+(?:ein|eine|der|die|das|ihr|dein|euer)\\s+(?:[\\p{L}-]+\\s+)?${AI_DE}\\M|\\m${AI_DE}\\s*,\\s*(?:bitte|du|ignoriere|sende|schicke|leite)\\M|\\m(?:als|an)\\s+(?:(?:eine?|den|die)\\s+)?(?:ki|sprachmodell|ki-\\p{L}+|assistent\\p{L}*|agent\\p{L}*)\\s*(?:,|:)`,
  ),
  signal(
    "addressee",
    "addressee_es",
    {
      meaning: "Spanish address to the model: nota para la IA, si eres un asistente de IA.",
      matches: [
        "Nota para la IA:",
        "Si eres un asistente de IA",
        "Mensaje para el asistente:",
        "Querida IA, por favor",
        "Atención agente:",
      ],
      ignores: ["La IA generativa cambia el mercado", "Nota para el equipo de ventas"],
      lang: "es",
    },
    `\\m(?:nota|mensaje|instrucci[oó]n(?:es)?|atenci[oó]n|aviso|hola|querid[oa]s?|estimad[oa]s?)\\s*(?:para|a|al)?\\s*(?:(?:la|el|los|las|cualquier|todo|toda)\\s+)?${AI_ROM}\\M|\\msi\\s+(?:eres|usted\\s+es)\\s+(?:una?\\s+|el\\s+|la\\s+)?${AI_ROM}\\M|\\msi\\s+(?:una?|el|la|alg[uú]n|alguna|tu|su)\\s+${AI_ROM}\\s+(?:lee|procesa|resume|analiza|revisa|est[aá])\\M|\\m(?:como|en\\s+cuanto)\\s+(?:una?\\s+)?(?:ia|asistente(?:\\s+de\\s+ia)?|modelo\\s+de\\s+lenguaje)\\s*,`,
  ),
  signal(
    "addressee",
    "addressee_fr",
    {
      meaning: "French address to the model: note à l'IA, si vous êtes un assistant IA.",
      matches: [
        "Note à l'IA :",
        "Si vous êtes un assistant IA",
        "Message pour l'assistant :",
        "Chère IA, merci de",
        "si tu es une IA",
      ],
      ignores: ["L'IA transforme le marché", "Note pour l'équipe commerciale"],
      lang: "fr",
    },
    `\\m(?:note|message|instructions?|attention|avis|bonjour|salut|ch[eè]re?s?)\\s*(?:[àa]|pour|aux?)?\\s*(?:(?:l['’]|la\\s+|le\\s+|les\\s+|tout\\s+|toute\\s+|chaque\\s+))?${AI_ROM}\\M|\\msi\\s+(?:vous\\s+[êe]tes|tu\\s+es)\\s+(?:une?\\s+|l['’]|le\\s+|la\\s+)?${AI_ROM}\\M|\\msi\\s+(?:une?|l['’]|le|la|votre|ton)\\s*${AI_ROM}\\s+(?:lit|traite|r[ée]sume|analyse|est)\\M|\\men\\s+tant\\s+qu['’](?:ia|assistant|agent|mod[eè]le)`,
  ),
  signal(
    "addressee",
    "addressee_pt",
    {
      meaning: "Portuguese address to the model: nota para a IA, se você é um assistente de IA.",
      matches: [
        "Nota para a IA:",
        "Se você é um assistente de IA",
        "Mensagem ao assistente:",
        "Cara IA, por favor",
        "se voce for um agente",
      ],
      ignores: ["A IA generativa muda o mercado", "Nota para a equipe de vendas"],
      lang: "pt",
    },
    `\\m(?:nota|mensagem|instru[çc][ãa]o|instru[çc][õo]es|aten[çc][ãa]o|aviso|ol[áa]|oi|caro|cara|prezad[oa])\\s*(?:para|ao|[àa]|aos)?\\s*(?:(?:a|o|os|as|qualquer|todo|toda)\\s+)?${AI_ROM}\\M|\\mse\\s+(?:voc[êe]|tu)\\s+(?:[ée]s?|for)\\s+(?:uma?\\s+|o\\s+|a\\s+)?${AI_ROM}\\M|\\mse\\s+(?:uma?|o|a|algum|alguma|seu|sua)\\s+${AI_ROM}\\s+(?:ler|l[êe]|processar|processa|resumir|resume|estiver)\\M|\\mcomo\\s+(?:uma?\\s+)?(?:ia|assistente(?:\\s+de\\s+ia)?|modelo\\s+de\\s+linguagem)\\s*,`,
  ),
  signal(
    "addressee",
    "addressee_it",
    {
      meaning: "Italian address to the model: nota per l'IA, se sei un assistente IA.",
      matches: [
        "Nota per l'IA:",
        "Se sei un assistente IA",
        "Messaggio all'assistente:",
        "Cara IA, per favore",
        "se sei un'intelligenza artificiale",
      ],
      ignores: ["L'IA generativa cambia il mercato", "Nota per il team vendite"],
      lang: "it",
    },
    `\\m(?:nota|messaggio|istruzion[ei]|attenzione|avviso|ciao|car[oa]|gentile)\\s*(?:per|all['’]|al|alla|ai|agli)?\\s*(?:(?:l['’]|la\\s+|il\\s+|lo\\s+|gli\\s+|ogni\\s+|qualsiasi\\s+))?${AI_ROM}\\M|\\mse\\s+a\\s+leggere\\s+[èe]\\s+(?:un['’]?|una?|l['’]|il\\s+|la\\s+)?\\s*${AI_ROM}\\M|\\mse\\s+(?:un['’]?|una?|l['’]|il|la|qualche)\\s*${AI_ROM}\\s+(?:legge|elabora|riassume|analizza|sta)\\M|\\mse\\s+(?:sei|lei\\s+[èe])\\s+(?:una?\\s+|un['’]|l['’]|il\\s+|la\\s+)?(?:${AI_ROM}|intelligenza\\s+artificiale)\\M|\\min\\s+quanto\\s+(?:ia|assistente|modello)\\s*,`,
  ),

  signal(
    "addressee",
    "addressee_rom_relative",
    {
      meaning:
        "Spanish / French / Portuguese / Italian: the assistant that reads / reviews this (`asistente de IA que revisa estos registros`).",
      matches: [
        "Asistente de IA que revisa estos registros",
        "l'assistant IA qui lit ce message",
        "o assistente de IA que lê este e-mail",
        "l'assistente IA che analizza i log",
      ],
      ignores: ["el asistente que contratamos", "l'assistente che ho assunto"],
    },
    `\\m${AI_ROM}(?:\\s+(?:de|di|d['’])\\s*ia|\\s+ia|\\s+ai|\\s+automático|\\s+automatico|\\s+automatique)?\\s+(?:que|qui|che)\\s+(?:\\p{L}+\\s+){0,2}(?:este|esta|estos|estas|esto|ce|cet|cette|ces|questo|questa|questi|queste|isto|estes|i|le|les|los|las|os|as|il|lo|la|gli)\\s+(?:\\p{L}+)`,
  ),
];
