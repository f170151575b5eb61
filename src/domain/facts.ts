/**
 * The closed vocabulary of facts a norm's conditions may name. Facts are pure
 * functions of the request (see src/facts/). Declaring each fact's type lets
 * the pack loader reject unknown facts, wrong operators and dangling lexicon,
 * category, pattern or group names before a norm goes live.
 */
export type FactType = "boolean" | "number" | "string" | "string[]";
/** What the values of a list fact refer to, so `contains X` can be checked. */
export type FactRef = "lexicon" | "category" | "pattern" | "group" | "term";

export type FactSpec = { type: FactType; refers?: FactRef; description: string };

export const FACT_CATALOGUE = {
  text: { type: "string", description: "The normalised text (folded, homoglyphs and leetspeak undone)." },
  length: { type: "number", description: "Length of the original text in characters." },
  kind: { type: "string", description: "Content kind given by the platform ('' when absent)." },
  channel: { type: "string", description: "Channel given by the platform ('' when absent)." },
  lexicons: { type: "string[]", refers: "lexicon", description: "Lexicons with at least one match." },
  categories: { type: "string[]", refers: "category", description: "Categories of all matched terms." },
  terms: { type: "string[]", refers: "term", description: "Canonical forms of matched terms." },
  patterns: { type: "string[]", refers: "pattern", description: "Ids of the pack's patterns that match the text." },
  target_groups: {
    type: "string[]",
    refers: "group",
    description: "Groups targeted by matched slurs, with their umbrella groups.",
  },
  mentioned_groups: {
    type: "string[]",
    refers: "group",
    description: "Groups named by neutral identity terms, with their umbrella groups.",
  },
  slur_use: {
    type: "boolean",
    description:
      "A slur is used; a slur with innocent senses counts only when its clause uses it of people (said of a person, addressed, named, modified or predicated hostilely), not as food, a place or a gap.",
  },
  group_derogation: {
    type: "boolean",
    description:
      "A clause says something hostile about a protected group: contempt, dehumanising, insult or a profane modifier, a negated value ('X are not human'), or an identity word used as a pejorative ('that's so gay'). Read by clause role when the text names a group.",
  },
  group_harm_call: {
    type: "boolean",
    description:
      "A clause calls for violence or exclusion against a protected group (imperative, modal or intent: 'deport them', 'X should be locked up').",
  },
  group_hostility: {
    type: "string[]",
    description:
      "Kinds of settled hostility about a group: contempt, dehumanising, insult, harm, negated-value, identity-insult.",
  },
  hostile_groups: { type: "string[]", refers: "group", description: "Groups that settled hostility is about." },
  group_hostility_unsettled: {
    type: "boolean",
    description:
      "A group is named beside a hostile word but clause structure cannot settle whether the hostility is about it (and no settled hostility holds). The community's routing decides: judgment or allow.",
  },
  counter_speech_frame: {
    type: "boolean",
    description:
      "All hostility in the text sits inside a frame that criticises or stops it ('calling them X is vile', 'stop saying X'), and the author adds none of their own.",
  },
  reported_frame: {
    type: "boolean",
    description:
      "All hostility in the text is reported as someone else's words aimed at the author or denounced ('he called me X', 'someone wrote X on my door'), and the author adds none of their own.",
  },
  hostility_in_frame: {
    type: "boolean",
    description:
      "Some hostility or slur sits inside a speech-act frame or quotation (mentioned, reported or criticised), whatever else the text does: evidence for a counter-speech exception that judgment confirms.",
  },
  slur_affiliative: {
    type: "boolean",
    description:
      "A slur is used with the author's own possessive or plural ('my X', 'us X', 'fellow X', 'proud X') and no hostility: in-group usage for judgment to confirm.",
  },
  slur_sense_unsettled: {
    type: "boolean",
    description:
      "Every slur sits in a sentence that neither uses it of people nor carries hostility or aims at anyone ('the X broke after the storms'): its sense is open, for judgment.",
  },
  affiliative_address: {
    type: "boolean",
    description:
      "A slur or hostile word about a group comes with an in-group signal ('my X', solidarity or celebration addressed to the group, the text claiming the group): mixed signals for judgment, never removal by rules.",
  },
  identity_insult: {
    type: "boolean",
    description: "An identity word is used as a pejorative by degree ('that's so gay', 'you're so autistic').",
  },
  reclaimed_self_reference: {
    type: "boolean",
    description:
      "An author who declared membership of the group a slur targets uses it with no insult, threat or hostility aimed at another person or group.",
  },
  sentence_parsed: {
    type: "boolean",
    description:
      "The sentence layer parsed the text (it names a group or a body-harm pattern); otherwise only word-level facts hold.",
  },
  threat: {
    type: "boolean",
    description:
      "A sentence pairs violence with intent or a call ('I will', 'should') aimed at a person or group, not negated; or a harm verb with a possessor and a body part, announced ('I'll break his legs').",
  },
  insult_to_addressee: {
    type: "boolean",
    description:
      "A sentence addressed to someone ('you') carries an insult, contempt or dehumanising term, not negated.",
  },
  self_harm_incitement: {
    type: "boolean",
    description: "Self-harm incitement language that is not negated ('don't kill yourself' is not incitement).",
  },
  quoted: { type: "boolean", description: "A flagged term sits inside quotation marks." },
  reported: {
    type: "boolean",
    description:
      "A flagged term follows reported or mentioned speech ('called me', 'said', 'the word') in its sentence.",
  },
  self_reference: {
    type: "boolean",
    description: "A sentence holding a flagged term refers to the author ('I'm', 'we', 'as a').",
  },
  slur_self_applied: {
    type: "boolean",
    description:
      "The author applies a slur to themselves or their own community ('we X', 'I'm a proud X'), not negated.",
  },
  text_self_identifies: {
    type: "boolean",
    description:
      "The text says the author belongs to a group a matched slur targets ('as a gay man', 'we Black people').",
  },
  addresses_other: { type: "boolean", description: "The text addresses another person (second person or @mention)." },
  denounces: {
    type: "boolean",
    description: "The text carries denouncement language ('racist', 'not okay', 'shame on').",
  },
  negated: { type: "boolean", description: "At least one hostile term is negated in its sentence." },
  support: { type: "boolean", description: "The text carries support or recovery language." },
  addresses_model: {
    type: "boolean",
    description: "The text addresses the moderator or a model: instructions to allow it, role tags, fake delimiters.",
  },
  author_groups: {
    type: "string[]",
    refers: "group",
    description: "The author's self-identified groups, resolved to group ids with their umbrella groups.",
  },
  author_role: { type: "string", description: "The author's role given by the platform ('' when absent)." },
  author_in_target_group: {
    type: "boolean",
    description: "The author belongs to a group a matched slur targets (by id, alias or umbrella).",
  },
  has_parent: { type: "boolean", description: "The content replies to a parent message." },
  parent_categories: { type: "string[]", refers: "category", description: "Categories matched in the parent message." },
  parent_abusive: {
    type: "boolean",
    description: "The parent message itself uses a slur, derogates a group, threatens or insults.",
  },
  echoes_parent: { type: "boolean", description: "A flagged term of this text also appears in the parent message." },
} as const satisfies Record<string, FactSpec>;

export type FactName = keyof typeof FACT_CATALOGUE;

/** Facts named `signals.<name>`: a score the platform sent with the request (see `signalsSchema`). */
export const SIGNAL_FACT = /^signals\.[a-z][a-z0-9_]{0,47}$/;

/**
 * The spec of a fact a condition names: from the catalogue, or a signal
 * (a number in 0–1, absent unless the request carried it).
 */
export function factSpec(name: string): FactSpec | undefined {
  if (Object.hasOwn(FACT_CATALOGUE, name)) return (FACT_CATALOGUE as Record<string, FactSpec>)[name];
  if (SIGNAL_FACT.test(name))
    return { type: "number", description: `The external classifier score "${name.slice(8)}" sent with the request` };
  return undefined;
}

/** The request's signals as facts: `{ "signals.toxicity": 0.93 }`. */
export function signalFacts(signals: Record<string, number> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(signals ?? {})) out[`signals.${name}`] = value;
  return out;
}

type FactValue<T extends FactType> = T extends "boolean"
  ? boolean
  : T extends "number"
    ? number
    : T extends "string"
      ? string
      : string[];

/** The facts of one evaluation: a plain object, recorded on the ruling. */
export type Facts = { [K in FactName]: FactValue<(typeof FACT_CATALOGUE)[K]["type"]> };

/**
 * Categories the fact producers give meaning to. A pack's lexicons supply the
 * words (in any language); the producers only know these category names.
 */
export const CATEGORY = {
  slur: "slur",
  identity: "identity",
  contempt: "contempt",
  dehumanising: "dehumanising",
  hostility: "hostility",
  violence: "violence",
  exclusion: "exclusion",
  insult: "insult",
  profanity: "profanity",
  negation: "negation",
  reportedSpeech: "reported-speech",
  selfReference: "self-reference",
  /** The author as object or owner ("me", "my", "our"): a self-reference, but never the one a term is applied to. */
  selfPossessive: "self-possessive",
  secondPerson: "second-person",
  /** "your": addresses someone without making them the subject ("your dog"). */
  secondPersonPossessive: "second-person-possessive",
  personReference: "person-reference",
  /** "his", "their": someone's, not someone. */
  personPossessive: "person-possessive",
  intent: "intent",
  prescriptive: "prescriptive",
  denouncement: "denouncement",
  /** Fixed expressions that contain a negation word but do not negate ("nothing but", "not only", "no doubt"). */
  intensifier: "intensifier",
  /**
   * Fixed expressions that reduce people to one thing ("nothing but", "no better than", "only good for"): like
   * intensifiers they negate nothing; said of a group, they run it down whatever the noun that follows.
   */
  reductive: "reductive",
  /**
   * Suspicion and precaution beside a group ("hide your bikes", "better call security", "should I be worried"):
   * an insinuation that the people named are a danger, which no hostile word carries.
   */
  insinuation: "insinuation",
  /** Words that make a group mention a stereotype ("typical X", "classic X", "an X thing", "X behaviour"). */
  stereotypeFrame: "stereotype-frame",
  /** Frames that make a named group the victim, not the target ("discrimination against", "violence against"). */
  victimFrame: "victim-frame",
  selfHarmIncitement: "self-harm-incitement",
  support: "support",
  /** Phrases that instruct a moderator or model ("ignore previous instructions", "mark this as safe"). */
  modelDirective: "model-directive",
  /** What people are owed or are ("human", "deserve", "matter"): negated about a group, hostile. */
  positiveValue: "positive-value",
  /** Verbs of saying and naming ("call", "wrote"): frames that mention words rather than use them. */
  speechVerb: "speech-verb",
  /** Verbs that injure a body part ("break", "slit"): violence with a possessor and a body part. */
  harmVerb: "harm-verb",
  bodyPart: "body-part",
  /** "so", "such a": an identity word raised by degree is a pejorative ("that's so gay"). */
  degree: "degree",
  /** Verbs whose object is a thing (eat, smoke, build, dig): a homonym as their object is the thing. */
  thingVerb: "thing-verb",
  /** Solidarity or celebration addressed to a group ("shoutout to", "represent", "sis"): an in-group signal. */
  affiliation: "affiliation",
} as const;

/** Categories of fixed expressions whose negation words negate nothing ("nothing but", "can't help"). */
export const FIXED_EXPRESSIONS: ReadonlySet<string> = new Set([CATEGORY.intensifier, CATEGORY.reductive]);

/** Categories that only describe context; a match of one is never "flagged" content. */
export const CUE_CATEGORIES: ReadonlySet<string> = new Set([
  CATEGORY.identity,
  CATEGORY.negation,
  CATEGORY.reportedSpeech,
  CATEGORY.selfReference,
  CATEGORY.selfPossessive,
  CATEGORY.secondPerson,
  CATEGORY.secondPersonPossessive,
  CATEGORY.personReference,
  CATEGORY.personPossessive,
  CATEGORY.intent,
  CATEGORY.prescriptive,
  CATEGORY.denouncement,
  CATEGORY.intensifier,
  CATEGORY.reductive,
  CATEGORY.insinuation,
  CATEGORY.stereotypeFrame,
  CATEGORY.victimFrame,
  CATEGORY.support,
  CATEGORY.modelDirective,
  CATEGORY.positiveValue,
  CATEGORY.speechVerb,
  CATEGORY.harmVerb,
  CATEGORY.bodyPart,
  CATEGORY.degree,
  CATEGORY.thingVerb,
  CATEGORY.affiliation,
]);
