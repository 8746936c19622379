"""How a citation relates to the text citing it: despite, subject to, for the purposes of,
within the meaning of, applies, applies to, or plain cites."""
from __future__ import annotations

from graph.cite.grammar import APOS, END, S1, THIS_DOCUMENT, S, _c

_PROVISIONS_OF = rf"(?:(?:the{S1})?provisions{S1}of{S1}|(?:les{S1})?dispositions{S1}(?:de{S1}la{S1}|de{S1}l{APOS}|du{S1}|des{S1}|de{S1}))?"
"""« malgré les dispositions des articles 131 à 133 », "despite the provisions of section 5": the same relation."""
_BEFORE = [
    ("despite", _c(rf"(?:despite|notwithstanding|malgré|nonobstant){S1}(?:the{S1}|l{APOS}|le{S1}|la{S1}|les{S1})?{_PROVISIONS_OF}$")),
    ("subject to", _c(rf"(?:(?<!not )subject{S1}to{S1}|(?<!pas )sous{S1}réserve{S1}(?:d{APOS}|de{S1}|du{S1}|des{S1}))"
                      rf"(?:[\w’'-]+{S1}){{0,12}}?(?:l{APOS}{S})?$")),
    ("for the purposes of", _c(rf"(?:for{S1}the{S1}purposes?{S1}of|(?:aux{S1}fins{S1}de{S1}l{APOS}|pour{S1}l{APOS}){S}application(?:{S1}(?:de{S1}la|de{S1}l{APOS}|du|des|de))?|aux{S1}fins(?:{S1}(?:de{S1}la|de{S1}l{APOS}|du|des|de))?){S}(?:the{S1})?{_PROVISIONS_OF}$")),
    ("applies", _c(rf"(?:exclue?s?|soustraite?s?){S1}de{S1}l{APOS}{S}application{S1}(?:de{S1}la|de{S1}l{APOS}|du|des|de)?{S}$"
                   rf"|(?:excluded|exempt(?:ed)?){S1}from{S1}(?:the{S1})?application{S1}of{S1}(?:the{S1})?$")),
    ("within the meaning of", _c(rf"(?:within{S1}the{S1}meaning{S1}of|au{S1}sens(?:{S1}(?:de{S1}la|de{S1}l{APOS}|du|des|de))?"
                                 rf"|(?:tel(?:le)?s?{S1}que{S1}défini(?:e|s|es)?|as{S1}defined){S1}(?:à{S1}la|à{S1}l{APOS}|au|aux|à|dans{S1}la|dans{S1}le|dans{S1}l{APOS}|in)){S}(?:the{S1})?$")),
]
"""The relation a citation has from the words just before it; « au sens » alone before « du règlement » (the
citation's own words begin with « du »); « tel que défini au paragraphe 31 », "as defined in section 5" are « au sens de »."""
_BEFORE_NAMES = {name for name, _ in _BEFORE}
_BEFORE_WORDS = _c(r"despite|notwithstanding|malgré|nonobstant|subject|réserve|purpose|fins|application|meaning|sens|défini|defined")
"""(« exclus de l'application de » is found by its word « application », as « pour l'application de » is.)"""
"""A literal prefilter: the words one of which each pattern of _BEFORE needs."""
_NECESSARY = (rf"(?:with{S1}(?:the|any){S1}necessary{S1}modifications|with{S1}such{S1}modifications{S1}as{S1}the{S1}circumstances{S1}require"
              rf"|by{S1}operation{S1}of{S1}law|mutatis{S1}mutandis|en{S1}les{S1}adaptant"
              rf"|(?:(?:avec|compte{S1}tenu){S1}(?:les|des)|en{S1}faisant{S1}les){S1}adaptations{S1}nécessaires)")
"""« s'applique, en faisant les adaptations nécessaires, à », "apply with such modifications as the circumstances require
to", « mutatis mutandis »: the words between the verb and what it is made to apply to."""
_ALSO = rf"(?:{S1}(?:également|aussi|de{S1}plus|en{S1}outre|pareillement|also|equally|likewise|further|as{S1}well))?"
_THERE = rf"(?:y{S1})?"
"""« s'y appliquent »: the verb with its pronoun for what the provision applies to."""
_HOWEVER = rf"(?:{S1}(?:cependant|toutefois|néanmoins|pourtant|donc|alors|également|aussi))?"
"""« ne s'applique cependant qu'aux cas »: a word between the verb and the limit of its application."""
"""« s'applique également à », « s'appliquent aussi », "applies also to": the provision is made to apply, to more."""
_APPLIES = (rf"(?:(?:(?:also|equally|likewise){S1})?appl(?:y|ies){_ALSO}|continues?{S1}to{S1}apply|s{APOS}{_THERE}appliqu(?:e|ent){_ALSO}|continue(?:nt)?{S1}de{S1}s{APOS}appliquer"
            rf"|(?:do(?:es)?{S1}not|do(?:es)?n{APOS}t|no{S1}longer|cease(?:s)?{S1}to){S1}apply|ne{S1}s{APOS}appliqu(?:e|ent){S1}(?:pas|plus)"
            rf"|(?:is|are){S1}not{S1}applicable|n{APOS}(?:est|sont){S1}(?:pas|plus){S1}applicables?)"
            rf"(?:{S},?{S}{_NECESSARY},?)?(?:{S1}(?P<to>to|à|au|aux){END}|(?={S}[.;,]|{S1}(?:dans{S1}la{S1}mesure|to{S1}the{S1}extent|in{S1}so{S1}far|insofar|en{S1}faisant|compte{S1}tenu)))"
            rf"|ne{S1}s{APOS}appliqu(?:e|ent){S1}(?:pas|plus){END}"
            rf"|(?:is|are|remains?|est|sont|demeurent|demeure|reste|restent){S1}applicables?{END}")
_THIS_DOCUMENT_TOO = (rf"(?:,?{S1}(?:ainsi{S1}que|et|and|as{S1}well{S1}as){S1}(?:celles?{S1}|ceux{S1}|those{S1}of{S1})?"
                      rf"(?:du{S1}|de{S1}la{S1}|le{S1}|la{S1}|the{S1}|this{S1})?(?:présente?{S1})?(?:règlement|loi|code|regulation|act){END}{S})?")
"""The citing document as a second subject of the verb: « la sous-section 5 de la Loi ainsi que celles du présent
règlement ne s'appliquent pas » (the document itself is no reference; the citation before it still applies)."""
_APPLY_VERB = _c(rf"{_THIS_DOCUMENT_TOO}{S}(?:,{S}{_NECESSARY},{S})?(?:{_APPLIES})"
                 rf"|{S}ne{S1}s{APOS}{_THERE}appliqu(?:e|ent){_HOWEVER}{S1}(?:qu{APOS}{S}(?P<only>à|au|aux)"
                 rf"|(?P<restricted>qu{APOS}{S}en{S1}cas|que{S1}(?:si|lorsque|dans|pour)|qu{APOS}{S}(?:il|elle|ils|elles|un|une))){END}"
                 rf"|{S1}appl(?:y|ies){S1}(?P<limited>only{S1}(?:if|where|when|in|to)){END}")
"""The cited provision is made to apply: "apply to", "s'appliquent dans la mesure où", "est applicable"; in French
« ne s'applique pas » whatever follows (« … ne s'applique pas si », « … dans le cas d'un adulte »).  An application
said to be restricted (« ne s'applique qu'à », « ne s'applique qu'en cas de », « que si », "applies only if") states
the limits of the application, also in a relative clause (« auxquels le présent code ne s'applique qu'en cas de
prescription formelle »)."""
_NAMED_FURTHER = _c(rf"{S1}(?:de|d{APOS}|sur|respecting)(?:{S}[\w’'-]+){{1,6}}?{S}(?:{_APPLIES})")
"""The citing document's name may go on before its verb: « Le présent règlement de sécurité et d'hygiène s'applique
à … »."""
_GOVERNED_BY = _c(rf"(?<![\w-])(?:under|in|by|from|with|to|for|pursuant{S1}to|vertu{S1}de|au{S1}sens{S1}de|à|au|aux|par|selon"
                  rf"|suivant|dans|sous)(?:{S1}(?:la|le|les|the))?{S1}$")
"""Words before a mention of the citing document that make it the complement of another word ("recoverable under this
Act", « en vertu de la présente loi »), never the subject of a verb after it; not "of", « de » ("the provisions of
this Act … apply": the Act's provisions are applied)."""
_WHICH_APPLIES = _c(rf"{S},?{S}(?:which|qui){S1}(?:appl(?:y|ies)|s{APOS}{_THERE}appliqu(?:e|ent)){S1}(?:to|à|au|aux){END}")
_CONDITIONAL = _c(rf"(?:when|if|whom|which|where|unless|lorsque|si|qui|laquelle|lequel|auquel|auxquels|dont){S1}(?:the{S1}|le{S1}|la{S1}|les{S1}|l{APOS})?$")
_REFERRED = _c(rf"(?:referred{S1}to{S1}in|mentioned{S1}in|(?:visé|mentionné)e?s?{S1}(?:à|au|aux|dans))"
               rf"{S1}(?:the{S1}|this{S1}|that{S1}|le{S1}|la{S1}|les{S1}|l{APOS}|ce{S1}|cet{S1}|cette{S1})?$")
"""Before a citation that only points to the subject of the verb after it: "the provisions referred to in
that section do not apply", « les dispositions visées à l'article 5 s'appliquent » (the provisions that
section cites); not "the rules provided for in the Act apply" (the Act's own rules)."""
_RUN_SEP = _c(rf"{S}(?:,|,?{S1}and|,?{S1}or|{S1}et|{S1}ou|,?{S1}ainsi{S1}que|,?{S1}as{S1}well{S1}as"
              rf"|{S1}(?:regarding|respecting|concerning|relating{S1}to|concernant|relatif|relatifs|relative|relatives){S1}(?:à{S1}|au{S1}|aux{S1})?){S}"
              rf"(?:(?:those{S1}of{S1}|of{S1})?(?:the{S1})?|(?:celles?{S1}|ceux{S1})?(?:du{S1}|des{S1}|de{S1})?(?:la{S1}|le{S1}|les{S1}|l{APOS})?)")
"""Between two subjects of one verb: « les dispositions de la sous-section 5 ainsi que celles du présent règlement ne
s'appliquent pas »; "the provisions of the regulations regarding the Social Assistance Program apply" (the
regulations and the program's provisions both apply)."""
_BARE_COMMA = _c(rf"{S},{S}(?:(?:the{S1})?|(?:la{S1}|le{S1}|les{S1}|l{APOS})?)")
_INVERTED = _c(rf"(?<![\w-])s{APOS}appliqu(?:e|ent)(?:{S1}(?:également|aussi|alors|de{S1}plus))?(?:{S},{S}(?:en{S1}les{S1}adaptant|{_NECESSARY}){S},)?"
               rf"{S1}(?:le{S1}|la{S1}|les{S1}|l{APOS}{S})(?:dispositions{S1}(?:(?:contenues|prévues|énoncées|visées){S1})?(?:à{S1}la{S1}|à{S1}l{APOS}{S}|au{S1}|aux{S1}|dans{S1}la{S1}|dans{S1}le{S1}|dans{S1}l{APOS}{S}|de{S1}la{S1}|de{S1}l{APOS}{S}|du{S1}|des{S1}))?$")
"""The verb before its subject, French only: « un groupe auquel s'appliquent, en les adaptant, les dispositions contenues au
paragraphe 2 », « Dans ce cas, s'appliquent les articles 10 à 12 » (in order, « s'applique au … » is "applies to")."""
_EXCEPT = _c(rf"(?:(?<![\w-])à{S1}l{APOS}(?:exception|exclusion){S1}|exception{S1}faite{S1}|(?<![\w-])sauf{S1}|except(?:ing)?{S1}(?:for{S1})?|other{S1}than{S1}|with{S1}the{S1}exception{S1}of{S1}|excluding{S1})"
             rf"(?:de{S1}la{S1}|de{S1}l{APOS}{S}|du{S1}|des{S1}|de{S1}|le{S1}|la{S1}|les{S1}|l{APOS}{S}|the{S1})?{_PROVISIONS_OF}$")
"""A provision excepted from an application: « il s'applique à un tel travailleur, à l'exception des articles 3, 4, 6, 7 et 8 »,
"Sections 45 to 48 apply, other than section 46": the excepted provisions are those whose application is at issue, as in « ne
s'applique pas » (only when the sentence applies something; « Le présent règlement, à l'exception de l'article 5, entre en
vigueur » only cites)."""
_APPLY_WORD = _c(rf"appliqu|applicable|\bappl(?:y|ies)\b|(?:exclue?s?|soustraite?s?){S1}de{S1}l{APOS}{S}application|(?:excluded|exempt(?:ed)?){S1}from{S1}(?:the{S1})?application")
"""An application in the sentence, or an exclusion from one (« Sont exclues de l'application du présent règlement, à
l'exception des articles 5 et 6, les pompes »: those articles apply to them)."""
_EXCEPT_WORDS = _c(r"exception|exclusion|sauf|except|other\s+than|excluding")
"""Literal prefilters: a text without them costs one search each, not one per citation."""
_SENTENCE_END = _c(r"[.;](?=\s|$)")
_LIST_SEP = _c(rf"{S},?{S1}(?:and|or|et|ou|ainsi{S1}que|de{S1}même{S1}que|as{S1}well{S1}as|together{S1}with){S1}(?:(?:of{S1})?(?:the{S1})?|(?:de{S1}|à{S1})?(?:la{S1}|le{S1}|les{S1}|l{APOS}{S})?|du{S1}|des{S1}|au{S1}|aux{S1})")
"""Between two citations of one list: "malgré l'article 5 et le paragraphe 2° de l'article 6", « malgré les articles
131 à 133 ainsi que l'article 135 »."""
_LIST_END = _c(rf"{S}(?:[,.;:)]|$)")
_COMMA_SEP = _c(rf"{S},{S}(?:(?:the{S1})?|(?:de{S1}|à{S1})?(?:la{S1}|le{S1}|les{S1}|l{APOS}{S})?|du{S1}|des{S1}|au{S1}|aux{S1})")
_OBJECT_GAP = _c(rf"{S}(?:the{S1}|this{S1}|le{S1}|la{S1}|les{S1}|l{APOS})?")


def _in_list(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """True when citation i goes on the list of citation i - 1: joined by "and"/"or", or by a comma
    when "and"/"or" joins it to the next ones and the list ends the phrase (« malgré l'article 5, le
    deuxième alinéa de l'article 6 et l'article 8, le ministre »; not « Malgré le paragraphe 2, le
    paragraphe 3 s'applique » nor « Malgré l'article 3, les articles 4 et 7 s'appliquent »)."""
    if _LIST_SEP.fullmatch(text, spans[i - 1][1], spans[i][0]):
        return True
    if not _COMMA_SEP.fullmatch(text, spans[i - 1][1], spans[i][0]):
        return False
    last = i
    while last + 1 < len(spans) and _LIST_SEP.fullmatch(text, spans[last][1], spans[last + 1][0]):
        last += 1
    return last > i and _LIST_END.match(text, spans[last][1]) is not None  # not the subject of a verb


def _sentence(text: str, start: int, end: int, reach: int = 300) -> str:
    """The sentence around text[start:end], at most `reach` characters each side (« a. 5 » ends no sentence: a period
    ends one only before a space)."""
    left = text[max(0, start - reach):start]
    cut = max((m.end() for m in _SENTENCE_END.finditer(left)), default=0)
    right = _SENTENCE_END.search(text, end, min(len(text), end + reach))
    return left[cut:] + text[start:right.start() if right else min(len(text), end + reach)]


def type_relations(text: str, spans: list[tuple[int, int]], lang: str = "en") -> list[str]:
    """The relation of each citation span (sorted, non-overlapping) to the citing text:
    ``despite``, ``subject to``, ``for the purposes of``, ``within the meaning of``,
    ``applies`` (the cited provision is made to apply), ``applies to`` (what it is
    made to apply to) or ``cites``.

    >>> t = "Sections 49 to 51 apply to the Basic Income Program."
    >>> type_relations(t, [(0, 17), (31, 51)])
    ['applies', 'applies to']
    >>> type_relations("a person to whom paragraph 2 of section 27 applies is", [(17, 43)])
    ['cites']
    """
    relations = ["cites"] * len(spans)
    excepted = [False] * len(spans)
    applying = _APPLY_WORD.search(text) is not None  # the literal both rules below need, once per text
    excepting = applying and _EXCEPT_WORDS.search(text) is not None
    for i, (start, end) in enumerate(spans):
        before = text[max(0, start - 120):start]
        if _BEFORE_WORDS.search(before):
            relations[i] = next((name for name, pattern in _BEFORE if pattern.search(before)), "cites")
        if relations[i] == "cites" and applying and _INVERTED.search(before):
            relations[i] = "applies"
        if relations[i] in ("cites", "subject to") and excepting and _EXCEPT.search(before) and _APPLY_WORD.search(_sentence(text, start, end)):
            relations[i], excepted[i] = "applies", True
        if relations[i] == "cites" and i and (relations[i - 1] in _BEFORE_NAMES or excepted[i - 1]) and _in_list(text, spans, i):
            relations[i], excepted[i] = relations[i - 1], excepted[i - 1]  # "malgré l'article 5 et le paragraphe 2° de l'article 6"
    for i, (start, end) in enumerate(spans):
        which = _WHICH_APPLIES.match(text, end)
        verb = which or _APPLY_VERB.match(text, end)
        if not verb and THIS_DOCUMENT.fullmatch(text, start, end) and not _complement(text, start):
            verb = _NAMED_FURTHER.match(text, end)
        if not verb:
            continue
        restricted = not which and bool(verb.groupdict().get("only") or verb.groupdict().get("restricted")
                                        or verb.groupdict().get("limited"))
        run, joined = [i], False
        while not which and run[-1] > 0 and (sep := _RUN_SEP.fullmatch(text, spans[run[-1] - 1][1], spans[run[-1]][0])):
            if _BARE_COMMA.fullmatch(sep[0]) and not joined:
                break  # « Outre l'article 5, l'article 6 s'applique »: a comma alone joins only a list ending « … et C »
            earlier = spans[run[-1] - 1]
            if THIS_DOCUMENT.fullmatch(text, *earlier) and _complement(text, earlier[0]):
                break  # "recoverable under this Act and sections 91 and 94 apply": the Act is not applied
            joined = True
            run.append(run[-1] - 1)
        head = spans[run[-1]][0]
        if not which and not restricted and (_CONDITIONAL.search(text, max(0, head - 30), head)
                                             or _REFERRED.search(text, max(0, head - 30), head)):
            continue
        for k in run:
            if relations[k] == "cites":
                relations[k] = "applies"
        if (which or verb.groupdict().get("to") or verb.groupdict().get("only")) and i + 1 < len(spans) and _OBJECT_GAP.fullmatch(text, verb.end(), spans[i + 1][0]):
            relations[i + 1] = "applies to"
    return relations


def _complement(text: str, start: int) -> bool:
    """Whether the mention of the citing document at `start` is the complement of the word before it."""
    return _GOVERNED_BY.search(text, max(0, start - 30), start) is not None
