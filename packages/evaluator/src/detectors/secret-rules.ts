import type { Severity } from "@sec0/core";

/** One provider-specific secret pattern. `group` selects the secret inside the match (default 0). */
export interface SecretRule {
  readonly kind: string;
  readonly re: RegExp;
  /** Literal substrings, one of which every match contains; used to skip the rule cheaply. */
  readonly needles: readonly string[];
  readonly group?: number;
  readonly confidence: number;
  readonly severity?: Severity;
  /**
   * Every needle begins the match (the regex is `\b` then one of the needles). The detector then
   * looks for needles only at a word boundary: `SK` no longer wakes on "asked".
   */
  readonly needlesStartMatch?: boolean;
  /** Accept the match even when a word character, `.` or `-` precedes it. */
  readonly anywhere?: boolean;
  /** Extra check on the secret text; false drops the match. */
  readonly check?: (secret: string) => boolean;
}

const hasDigitAndLetter = (s: string) => /\d/.test(s) && /[A-Za-z]/.test(s);

/**
 * Provider token formats with a fixed prefix or shape. Every regex is global. Sources: the
 * providers' public documentation of their token formats.
 */
export const SECRET_RULES: readonly SecretRule[] = [
  // Cloud
  {
    kind: "secrets.aws_access_key_id",
    needles: ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
    re: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}\b/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.aws_bedrock_key",
    needles: ["ABSK"],
    re: /\bABSK[A-Za-z0-9+/]{109,269}={0,2}/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.gcp_api_key",
    needles: ["AIza"],
    re: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.azure_ad_client_secret",
    needles: ["Q~"],
    re: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.azure_storage_key",
    needles: ["AccountKey="],
    re: /AccountKey=[A-Za-z0-9+/]{86}==/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.digitalocean_token",
    needles: ["_v1_"],
    re: /\bdo[opr]_v1_[a-f0-9]{64}\b/g,
    confidence: 0.95,
  },
  { kind: "secrets.alibaba_access_key", needles: ["LTAI"], re: /\bLTAI[A-Za-z0-9]{20}\b/g, confidence: 0.8 },
  // VCS and CI
  {
    kind: "secrets.github_token",
    needles: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
    re: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b|\bghs_\d+_[A-Za-z0-9._-]{30,}/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.github_fine_grained_pat",
    needles: ["github_pat_"],
    re: /\bgithub_pat_[A-Za-z0-9_]{82}\b/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.gitlab_token",
    needles: [
      "glpat-",
      "glptt-",
      "gldt-",
      "glrt-",
      "glft-",
      "glimt-",
      "glagent-",
      "gloas-",
      "glcbt-",
      "glsoat-",
      "glffct-",
      "glrtr-",
    ],
    re: /\bgl(?:pat|ptt|dt|rt|ft|imt|agent|oas|cbt|soat|ffct|rtr)-[A-Za-z0-9_.-]{20,300}/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.gitlab_runner_registration",
    needles: ["GR1348941"],
    re: /\bGR1348941[A-Za-z0-9_-]{20}\b/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.bitbucket_app_password",
    needles: ["ATBB"],
    re: /\bATBB[A-Za-z0-9_=.-]{28,}\b/g,
    confidence: 0.85,
  },
  {
    kind: "secrets.atlassian_api_token",
    needles: ["ATATT3"],
    re: /\bATATT3[A-Za-z0-9_\-=]{186}/g,
    confidence: 0.95,
  },
  { kind: "secrets.npm_token", needles: ["npm_"], re: /\bnpm_[A-Za-z0-9]{36}\b/g, confidence: 0.95 },
  {
    kind: "secrets.pypi_token",
    needles: ["pypi-"],
    re: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.docker_pat",
    needles: ["dckr_pat_"],
    re: /\bdckr_pat_[A-Za-z0-9_-]{27,}/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.sourcegraph_token",
    needles: ["sgp_"],
    re: /\bsgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}\b|\bsgp_[a-fA-F0-9]{40}\b/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.vercel_token",
    needles: ["vcp_", "vck_", "vci_", "vca_", "vcr_"],
    re: /\bvc[pkiar]_[A-Za-z0-9]{24,}\b/g,
    confidence: 0.85,
  },
  { kind: "secrets.octopus_deploy_key", needles: ["API-"], re: /\bAPI-[A-Z0-9]{26}\b/g, confidence: 0.85 },
  { kind: "secrets.pulumi_token", needles: ["pul-"], re: /\bpul-[a-f0-9]{40}\b/g, confidence: 0.9 },
  {
    kind: "secrets.terraform_token",
    needles: [".atlasv1."],
    re: /\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.hashicorp_vault_token",
    needles: ["hvs.", "hvb.", "hvr."],
    re: /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.doppler_token",
    needles: ["dp."],
    re: /\bdp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}\b/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.databricks_token",
    needles: ["dapi"],
    re: /\bdapi[a-fA-F0-9]{32}(?:-\d)?\b/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.grafana_token",
    needles: ["glc_", "glsa_"],
    re: /\bglc_[A-Za-z0-9+/]{32,400}={0,2}|\bglsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}\b/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.grafana_api_key",
    needles: ["eyJrIjoi"],
    re: /\beyJrIjoi[A-Za-z0-9]{70,400}={0,2}/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.tailscale_key",
    needles: ["tskey-"],
    re: /\btskey-(?:api|auth|client|webhook|scim)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{20,}\b/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.onepassword_service_token",
    needles: ["ops_eyJ"],
    re: /\bops_eyJ[A-Za-z0-9+/]{250,}={0,3}/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.onepassword_secret_key",
    needles: ["A3-"],
    re: /\bA3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}\b/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.openshift_token",
    needles: ["sha256~"],
    re: /\bsha256~[A-Za-z0-9_-]{43}\b/g,
    confidence: 0.85,
  },
  {
    kind: "secrets.artifactory_key",
    needles: ["AKCp", "cmVmd"],
    re: /\bAKCp[A-Za-z0-9]{69}\b|\bcmVmd[A-Za-z0-9]{59}\b/g,
    confidence: 0.85,
  },
  {
    kind: "secrets.flyio_token",
    needles: ["fo1_", "fm1", "fm2"],
    re: /\bfo1_[\w-]{43}\b|\bfm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3}/g,
    confidence: 0.9,
  },
  { kind: "secrets.prefect_token", needles: ["pnu_"], re: /\bpnu_[A-Za-z0-9]{36}\b/g, confidence: 0.9 },
  { kind: "secrets.readme_token", needles: ["rdme_"], re: /\brdme_[a-z0-9]{70}\b/g, confidence: 0.9 },
  { kind: "secrets.infracost_token", needles: ["ico-"], re: /\bico-[A-Za-z0-9]{32}\b/g, confidence: 0.9 },
  { kind: "secrets.clickhouse_secret", needles: ["4b1d"], re: /\b4b1d[A-Za-z0-9]{38}\b/g, confidence: 0.8 },
  {
    kind: "secrets.intra42_secret",
    needles: ["s-s4t2"],
    re: /\bs-s4t2(?:ud|af)-[a-f0-9]{64}\b/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.easypost_token",
    needles: ["EZAK", "EZTK"],
    re: /\bEZ[AT]K[a-zA-Z0-9]{54}\b/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.linear_api_key",
    needles: ["lin_api_"],
    re: /\blin_api_[A-Za-z0-9]{40}\b/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.figma_token",
    needles: ["figd_", "figh_", "figr_", "figu_"],
    re: /\bfig[dhru]_[A-Za-z0-9_-]{40,}/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.notion_token",
    needles: ["ntn_", "secret_"],
    re: /\bntn_[0-9]{11}[A-Za-z0-9]{35}\b|\bsecret_[A-Za-z0-9]{43}\b/g,
    confidence: 0.9,
    check: hasDigitAndLetter,
  },
  // Chat
  {
    kind: "secrets.slack_token",
    needles: ["xox"],
    needlesStartMatch: true,
    re: /\bxox[abposr]-(?:\d+-)?[A-Za-z0-9-]{10,250}/g,
    confidence: 0.9,
    check: (s) => s.length >= 30 && (/\d{8,}/.test(s) || /[A-Za-z0-9]{24}/.test(s)),
  },
  {
    kind: "secrets.slack_config_token",
    needles: ["xoxe"],
    re: /\bxoxe(?:\.xox[bp])?-\d-[A-Z0-9]{140,170}\b/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.slack_app_token",
    needles: ["xapp-"],
    re: /\bxapp-\d-[A-Z0-9]{6,}-\d{6,}-[a-z0-9]{20,}\b/gi,
    confidence: 0.95,
  },
  {
    kind: "secrets.slack_webhook",
    needles: ["hooks.slack.com"],
    re: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56}|hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{20,}/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.discord_webhook",
    needles: ["/api/webhooks/"],
    re: /discord(?:app)?\.com\/api\/webhooks\/\d{15,20}\/[\w-]{60,}/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.telegram_bot_token",
    needles: [":AA"],
    re: /\d{8,10}:AA[0-9A-Za-z_-]{33}\b/g,
    confidence: 0.9,
    anywhere: true,
  },
  {
    kind: "secrets.microsoft_teams_webhook",
    needles: ["webhook.office.com"],
    re: /https:\/\/[a-z0-9]+\.webhook\.office\.com\/webhookb2\/[a-z0-9-]+@[a-z0-9-]+\/IncomingWebhook\/[a-z0-9]+\/[a-z0-9-]+/gi,
    confidence: 0.9,
  },
  // Payments and SaaS
  {
    kind: "secrets.stripe_key",
    needles: ["sk_", "rk_"],
    needlesStartMatch: true,
    re: /\b(?:sk|rk)_(?:live|test|prod)_[0-9A-Za-z]{10,99}\b/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.stripe_webhook_secret",
    needles: ["whsec_"],
    re: /\bwhsec_[A-Za-z0-9]{32,}\b/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.square_token",
    needles: ["EAAA", "sq0"],
    re: /\b(?:EAAA|sq0atp-|sq0csp-)[A-Za-z0-9_-]{22,60}\b/g,
    confidence: 0.85,
  },
  {
    kind: "secrets.shopify_token",
    needles: ["shpat_", "shpca_", "shppa_", "shpss_"],
    re: /\bshp(?:at|ca|pa|ss)_[A-Za-z0-9]{32,}\b/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.sendgrid_key",
    needles: ["SG."],
    re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.mailgun_key",
    needles: ["key-"],
    needlesStartMatch: true,
    re: /\bkey-[a-f0-9]{32}\b/g,
    confidence: 0.7,
  },
  {
    kind: "secrets.twilio_key",
    needles: ["SK"],
    needlesStartMatch: true,
    re: /\bSK[0-9a-fA-F]{32}\b/g,
    confidence: 0.6,
    check: (s) => /[a-f]/i.test(s) && /\d/.test(s),
  },
  {
    kind: "secrets.facebook_app_token",
    needles: ["|"],
    re: /\b\d{15,16}\|[A-Za-z0-9_-]{27}\b/g,
    confidence: 0.8,
  },
  {
    kind: "secrets.facebook_access_token",
    needles: ["EAAM", "EAAC"],
    re: /\bEAA[MC][A-Za-z0-9]{100,}/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.sidekiq_url",
    needles: ["contribsys.com"],
    re: /https?:\/\/[a-f0-9]{8}:[a-f0-9]{8}@(?:gems|enterprise)\.contribsys\.com/gi,
    confidence: 0.95,
  },
  {
    kind: "secrets.new_relic_key",
    needles: ["NRAK-", "NRJS-"],
    re: /\bNRAK-[A-Z0-9]{27}\b|\bNRJS-[a-f0-9]{19}\b/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.sentry_token",
    needles: ["sntrys_", "sntryu_"],
    re: /\bsntry[su]_[A-Za-z0-9+/=_-]{40,}/g,
    confidence: 0.9,
  },
  {
    kind: "secrets.postman_key",
    needles: ["PMAK-"],
    re: /\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b/g,
    confidence: 0.95,
  },
  // LLM providers
  {
    kind: "secrets.anthropic_key",
    needles: ["sk-ant-"],
    re: /\bsk-ant-(?:api|admin|sid)\d{2}-[A-Za-z0-9_-]{80,120}AA(?![A-Za-z0-9_-])/g,
    confidence: 0.95,
  },
  {
    kind: "secrets.openai_key",
    needles: ["sk-"],
    needlesStartMatch: true,
    re: /\bsk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200}/g,
    confidence: 0.95,
  },
  { kind: "secrets.groq_key", needles: ["gsk_"], re: /\bgsk_[A-Za-z0-9]{52}\b/g, confidence: 0.95 },
  {
    kind: "secrets.huggingface_token",
    needles: ["hf_", "api_org_"],
    re: /\bhf_[A-Za-z]{34}\b|\bapi_org_[A-Za-z]{34}\b/g,
    confidence: 0.85,
  },
  { kind: "secrets.perplexity_key", needles: ["pplx-"], re: /\bpplx-[A-Za-z0-9]{48}\b/g, confidence: 0.95 },
  { kind: "secrets.xai_key", needles: ["xai-"], re: /\bxai-[A-Za-z0-9]{80}\b/g, confidence: 0.95 },
  { kind: "secrets.replicate_token", needles: ["r8_"], re: /\br8_[A-Za-z0-9]{37}\b/g, confidence: 0.85 },
  {
    kind: "secrets.langsmith_key",
    needles: ["lsv2_"],
    re: /\blsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}\b/g,
    confidence: 0.95,
  },
  // Generic structures
  {
    // PKCS#12 key store (DER: SEQUENCE, version 3, then the PKCS#7 data OID 1.2.840.113549.1.7.1),
    // as raw bytes decoded to text; high bytes may have become U+FFFD.
    kind: "secrets.pkcs12_keystore",
    needles: ["\u0002\u0001\u0003"],
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the DER bytes of a PKCS#12 header
    re: /^0[\uFFFD\x80-\xFF][\s\S]{0,3}\x02\x01\x030[\s\S]{1,4}\x06\t\*[\uFFFD\x86]H[\uFFFD\x86][\uFFFD\xF7]\r\x01\x07\x01/g,
    confidence: 0.9,
    anywhere: true,
  },
  {
    kind: "secrets.private_key",
    needles: ["PRIVATE KEY"],
    re: /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,64}?[A-Za-z0-9+/=]{20}/g,
    confidence: 0.95,
    severity: "critical",
  },
  {
    kind: "secrets.jwt",
    needles: ["eyJ", "ZXlK"],
    re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}/g,
    confidence: 0.85,
    severity: "high",
  },
  {
    kind: "secrets.jwt",
    needles: ["eyJ", "ZXlK"],
    re: /\bZXlK[A-Za-z0-9+/]{20,}(?:LmV5S|5leU|uZXlK)[A-Za-z0-9+/]{20,}={0,2}/g,
    confidence: 0.8,
    severity: "high",
  },
];
