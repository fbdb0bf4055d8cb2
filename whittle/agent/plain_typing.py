"""How a request typed in other ways reads when typed plainly: arrows, "+" and a terminal's shorthand, marks
spelt out by voice typing and the words it mishears, full-width and markdown marks, and the dictated, dialect and
second-language wordings of a plain request. agent/planner.py reads every request through these before its
clauses are read (agent/request_form.py).
"""

from __future__ import annotations

import re

from whittle.agent.request_form import (
    ALL_VERBS,
    COUNTED_THINGS,
    NOT_DONE,
    QUOTED_TEXT,
    THINGS_COUNT,
    TODO_KIND,
    quoted_marks_hidden,
    quoted_marks_shown,
    stem,
)

# Ways of typing a request in a hurry, read as the plain request they stand for.
_ARROW = re.compile(r"\s*->\s*")
_PLUS = re.compile(r"(?<=\S)\s+\+\s+(?=([a-z]+)\b)", re.IGNORECASE)
_STEP_WORDS = frozenset({"name", "greeting", "competitors", "analysis"})  # "start hello + name Anya"
_A_PLACE = re.compile(r"(?:the\s+)?(?:top|bottom|end|first|last|#?\d{1,3}(?:st|nd|rd|th)?|(?:number|position|pos)\s*\d{1,3})\b"
                      r"(?:\s+(?:of\s+the\s+list|on\s+(?:the\s+)?list|pls|please|plz))*\s*[.!]*$", re.IGNORECASE)
_EDITING = re.compile(r"\b(?:change|rename|edit|move|update|swap|fix\s+the\s+typo)\b", re.IGNORECASE)


def _edit_asked(clause: str) -> bool:
    """An editing word that asks for an edit: not the last word of a thing ("oil change -> top")."""
    return any(found.end() < len(clause.rstrip()) for found in _EDITING.finditer(clause))
# "+ milk", "switch to work; + patch db01 there": a "+" that opens a request or a part of one adds.
_PLUS_ADDS = re.compile(r"(?:^|(?<=[;,]))(\s*)\+\s*(?=[\w'\"])")
# "x milk", "x `review PR #418`": a part led by a lone "x" ticks the thing, as a box is crossed.
_X_TICKS = re.compile(r"(?:^|(?<=[;,])|(?<=\band))(\s*)\bx\s+(?=[\w'\"`])", re.IGNORECASE)
# "s/milk/oat milk/": a stream editor's substitution changes one text to the other.
_SUBSTITUTED = re.compile(r"(?<![\w/])s/([^/]+)/([^/]+)/g?(?!\w)")
# "ship it", "ls", "rm 3": a terminal's words for finalize, the list, and delete.
_TERMINAL_WORDS = ((re.compile(r"\bship\s+it\b", re.IGNORECASE), "finalize it"),
                   (re.compile(r"(?:^|(?<=\band)|(?<=[,;]))(\s*)\bls\b(?=\s*(?:$|[,.!?;]|pls|please))", re.IGNORECASE),
                    r"\1show the list"),
                   (re.compile(r"(?:^|(?<=\band)|(?<=[,;]))(\s*)\brm\s+(?=#?\d+\b)", re.IGNORECASE), r"\1delete number "))
# "@bottom: renew TLS cert": a place said first, as a label, is where the thing moves.
_AT_PLACE_FIRST = re.compile(r"^\s*@(top|bottom)\s*:\s*(?P<thing>\S.*)$", re.IGNORECASE)
_AT_PLACE = re.compile(r"(?P<arrow>->\s*)?(?:\bto\s+)?@(top|bottom)\b", re.IGNORECASE)  # "mv it @top", "x -> @top"
_TAKE_OFF = re.compile(r"\btake\s+(.{1,80}?)\s+off(?:\s+(?:of\s+)?(?P<list>(?:the|my)\s+(?:list|todos?))\b|"
                       r"(?=(?:\s+(?:again|please|pls|plz|for\s+me|altogether|now))*\s*(?:$|[,.!?;])))",
                       re.IGNORECASE)
_AT_IT = re.compile(r",?\s*\bwhile\s+(?:you'?re|youre|your|ur|u'?re)\s+at\s+it\b", re.IGNORECASE)
_TICKED_BY_MISTAKE = re.compile(r"\b(?:ticked|ticking|checked|marked|crossed)\b.*\b(?:by\s+mistake|by\s+accident|in\s+error|"
                                r"wrong\s+one)\b|\bwrong\s+one\b.*\b(?:ticked|ticking)\b", re.IGNORECASE)
_PUT_BACK = re.compile(r"[,\s]*\b(?:put|set|make)\s+(?:it|that|them)\s+back\b(?:\s+(?:again|please|pls))?"
                       r"(?!\s+(?:on|in|onto|into|to|at|as)\b)", re.IGNORECASE)
# "the one about the boiler get rid of it": a thing named, then a verb on "it", dictated without the comma.
_VERB_ON_IT = re.compile(r"\b([\w']+)\s+(?=(?:get\s+rid\s+of|delete|remove|bin|scrap|ditch|drop|tick\s+off|tick|mark|"
                         r"complete|untick|reopen|move|edit|rename|change)\s+(?:it|that|them|this)\b)", re.IGNORECASE)
_BEFORE_A_VERB = frozenset("can could would will you u to and then please pls plz just i we also so or but now "
                           "go gonna wanna lets let's ok okay yes yeah".split())
# Dictated and second-language ways of saying a plain request, each with what it stands for.
# Texting's "n" for "and" joins things a request acts on that are there already; a new thing's own "n" stays
# ("add bread n snags for the bbq").
_TEXTING_AND = re.compile(r"(?<=\w)\s+n\s+(?=\w)")
_ACTS_ON_LISTED = re.compile(r"\b(?:tick|ticked|mark|marked|done|finished|delete|remove|untick|complete|completed|cross)\b",
                             re.IGNORECASE)
_ADDS = re.compile(r"\b(?:add|put|remind|new|create|make|need)\b", re.IGNORECASE)
_LISTS_FOR_A_STEP = re.compile(r"\bcompetitors?\b", re.IGNORECASE)
_TEXTING_AND_ACTION = re.compile(r"(?<=\w)\s+n\s+(?=(?:put|add|tick|move|delete|remove|mark|switch|start|open|change|"
                                 r"untick|cancel|finali[sz]e|search|bin)\b)", re.IGNORECASE)
_END_SAID = {"first": "top", "last": "bottom"}
_SAID_OTHERWISE = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    # "put renew registration on the list its due end of the month", "…, is due on friday": when it is due is
    # an aside. Without a comma only after a pronoun ("its", "they're"), so "rent is due friday" stays as said.
    (r"(?:\s*,\s*(?:it'?s|its|it\s+is|is|are|they'?re|theyre|there|both)|\s+(?:it'?s|its|it\s+is|they'?re|theyre|"
     r"there))\s+(?:both\s+|all\s+|a\s+bit\s+|already\s+|really\s+)?(?:due|overdue)\b[^.!?;,]*", ""),
    # "… by friday its for her sons birthday party": who or what it is for, after "it's", is why.
    (r"(?:\s*,\s*|\s+)(?:it'?s|its|it\s+is)\s+for\s+(?:her|his|my|our|their|the|a|an)\s[^.!?;]*", ""),
    # The thing said first, the ask after: "loop in legal on MSA redlines - add that", "need too do the smoke alarms
    # at the rental stick it on the list"; "the second one -> make it …".
    (r"^\s*(?!(?:add|put|tick|delete|move|can|could|would|please|pls)\b)([^,.;!?\"]+?)\s+(?:-+|–|—|->)\s+(?:pls\s+|please\s+)?"
     r"(?:add|put)\s+(?:that|it|this)(?:\s+(?:in|on|to)\s+(?:the|my)\s+list)?\s*[.!]*$", r'add "\1"'),
    (r"^\s*(?:i\s+)?(?:need|have|got)\s+(?:to|too)\s+(?:do\s+(?:the\s+)?)?(?=\S)([^,.;!?\"]+?)\s+(?:stick|put|chuck|pop)\s+"
     r"(?:it|that)\s+on\s+(?:the|my)\s+list\s*[.!]*$", r'add "\1"'),
    # "edit A -> B, 4.2 got scrapped", "…, meeting is postponed": what happened to something, after the ask, is why.
    (r"(?<=\S)\s*,\s*(?:(?:[^,.;!?]|\.(?=\w))+?\s)?(?:got|was|were|been|has\s+been|is|are)\s+(?:scrapped|dropped|cancell?ed|binned|"
     r"ditched|removed|deleted|pulled|postponed|delayed|rescheduled|pushed\s+back)\b[^.!?;]*$", ""),
    # "Chale, I wrote …", "aigoo almost forgot!! plz add …", "… ㅋㅋ", "… ^^": an exclamation or a laugh asks nothing.
    (r"^\s*(?:chale|charley|chaley|ei+|herh|aigoo+|aigo|aish|ottoke|omo|allora|dai|mamma\s+mia|7abibi|habibi|yalla|acha|achha|accha|"
     r"mashy|olha)\b\s*[,!.]*\s*", ""),
    # Egyptian "ya3ni" (I mean), "ba2a" (then), "el7amdulellah" (thank God), Toronto's "wallahi", "fam", "styll" close a
    # clause and ask nothing; so do "cant remember" and "keep forgettin" after the ask.
    (r"[\s,]+(?:ya3ni|ba2a|el7amdulellah|al?hamdulill?ah|hamdulillah|inshallah|insha'?allah|wallahi|fam|styll|ahlie|cher|"
     r"tack|typ)\b"
     r"(?=\s*(?:[,.!?;]|$))", ""),
    (r"[\s,]+(?:i\s+)?(?:can'?t|cannot)\s+remember\s*[.!?]*$", ""),
    (r"[\s,]+that'?s\s+all\s+(?:i|we)\s+(?:care|worry)\s+about\b[^.!?]*$", ""),  # "…, thats all i care about tbh"
    (r"[\s,]+(?:i\s+)?keep\s+forgett?(?:in|ing|in')\b[^.!?]*$", ""),
    # "the post office one, can u make it drop parcel at Oldham St post office instead": the new wording
    # (Not after going back to a step: "… and make it price and delivery time instead" is the step's value.)
    (r"^(?!.*\b(?:step|back|revert)\b)(.*?)\bmake\s+it\s+(?!(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b)"
     r"([^,;.!?'\"]{8,}?)\s+instead\s*[.!]*$", r"\1change it to '\2'"),
    (r"\bshove\s+(?=(?:it|that|them)\s+(?:to|up)\b)", "move "),  # "shove it to the top"
    (r"\bfor\s+the\s+(analysis|competitors)\s+do\s+(?=\w)", r"for the \1 put "),  # "for the analysis do price, …"
    (r"\s*(?:[ㄱ-ㅎㅏ-ㅣ]{2,}|\^\^+|\^_\^|T_T|ㅠ_ㅠ)", ""),
    (r"^\s*(?:i\s+)?(?:almost|nearly|totally)\s+forgot\s*[!.,]+\s*(?=\w)", ""),  # "almost forgot!! plz add …"
    # Korean "ne" (yes) and a doubled "done done" close a request without asking more: "… delivery time ne".
    (r"[\s,]+(?:ne|done\s+done)\s*[~!.]*\s*$", ""), (r"(?<=\w)~+(?=\s|$)", ""),
    # "cancel it mate, …", "thats done mate": who is spoken to asks nothing.
    (r"[\s,]*\bbe\s+a\s+(?:dear|doll|love|sweetheart)\b", " please"),  # "change the name on that one, be a dear"
    (r"[\s,]+(?:mate|love|luv|pal|bro|buddy|hun|darl|honey|hon|sweetheart|sweetie|darling|dear|bubbeleh)\b"
     r"(?=\s*(?:[,.!?;]|$))", ""),

    # "two things habibi: add A, and add B too": the count announced before the asks is no part of them.
    (rf"^\s*(?:(?:ok(?:ay)?|so|right|hey)\s*,?\s*)?{THINGS_COUNT}\s+(?:more\s+)?"
     rf"{COUNTED_THINGS}\b[^:.!?]{{0,30}}[:.!]\s*(?=(?:add|put|tick|mark|delete|remove|move|change|"
     r"please|pls|can|could|first)\b)", ""),
    # "open that service one up again", "open it again": a thing opened again is reopened (an app is opened by name).
    (r"\bopen\s+((?:it|that|this|them|(?:that|the|this)\s+[\w'-]+(?:\s+[\w'-]+){0,3}?\s+one))\s+(?:up\s+)?again\b",
     r"reopen \1"),
    # "throw restring the telecaster on the list would ya": thrown onto the list, a thing is added.
    (r"\b(?:throw|toss|slap|whack)\s+(?!(?:it|that|this|them|those|these)\b)([^,.;!?]+?)\s+(?:(?:on|onto)\s+(?:the|my|this)\s+"
     r"list\b|on\s+there\b)(?:\s+would\s+(?:ya|you|u))?", r"add \1 to the list"),  # "throw buy bristol board on there"
    # "chuck the last one, …", "chuck out the bait one": chucked, not onto the list, a thing is thrown away.
    (r"\bchuck\s+(?:out\s+|away\s+)?(?=(?:the|that|this|it|them)\b)(?![^,.;!?]*\b(?:on|in|onto|into)\s+(?:the|my|there|here|it)\b)",
     "delete "),
    (r"(?<!\bi\s)(?<!\bwe\s)\bcross\s+off\b", "tick off"),  # "… AND cross off clean the slicer": asked, not told
    (r"^\s*take\s+off\s+(?!the\s+list\b)", "remove "),  # "take off buy bait for fishing at Karumba, …"
    (r"\s*,?\s*(?:and\s+)?while\s+(?:that'?s|thats|it'?s|its|that\s+is|it\s+is)\s+(?:going|running|on|working)\b,?\s*", ", and "),
    (r"(?<!\bshow\s)(?<!\bgive\s)(?<!\bsend\s)\bme\s+(?=(?:todo\s+|to-do\s+)?list\b|todos\b)", "my "),  # "show me me todo list"
    # A bug report's labels: "step 1 name = Kevin", "analysis step: compare on pricing, api", "2nd item: rename to X",
    # "name: Kevin, greeting: Hi. submit both".
    (r"^\s*step\s+\d+\s*[:.\-]?\s*(?=(?:name|greeting|competitors|analysis)\b)", ""),
    (r"\b(analysis)(?:\s+step)?\s*[:=]\s*compare\s+(?:them\s+|'?em\s+)?(?:on|by)\s+", r"\1: "),
    (r"^(\s*(?:the\s+)?(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|last|top|bottom)\s+(?:item|one|todo|thing))\s*:\s*"
     r"(?=(?:rename|change|edit|move|delete|remove|tick|untick|mark)\b)", r"\1, "),
    (r"(?:(?<=[.!,])|(?<=[^\w\s.!,?]))\s*(?:(?:can|could|will|would)\s+you\s+)?(?:and\s+|then\s+)?(?:submit|fill\s+in)\s+"
     r"(?:both|them|all|these|those|it)(?:\s+(?:pls|please))?\s*[.!?]*$", ""),  # "… Hi 👋 can you submit both?"
    # Dutch-English: "the stroopwafel cake must become 'buy …'", "put 'X' on place 2", "put it as second".
    (r"\bcan\s+you\s+(it|them)\s+open\s+again\b", r"can you reopen \1"),  # "it" first
    (r"\bcan\s+you\s+(it|them)\s+(delete|remove|tick|untick|move|add|change|reopen)\b", r"can you \2 \1"),
    (r"\b(switch|swap|change|jump|flip|move)\s+(?:over\s+)?there\b(?!\s+(?:is|are|was)\b)", r"\1 to it"),  # "… and switch there"
    (r"\b(I|i|we)\s+went\s+ahead\s+and\s+(?=\w)", r"\1 already "),  # "I went ahead and fix that cast net": it is done
    (r"\bmust\s+become\b", "should say"), (r"\b(?:on|at|to)\s+place\s+(\d+)\b", r"to number \1"),
    (r"\b(put|move|set)\s+(it|that|this|them)\s+as\s+(?:the\s+)?(first|second|third|fourth|fifth|last)\b(?:\s+one)?",
     r"move \2 to the \3 place"),
    # A step's value said formally: "put my name in as Siân", "pick Hi for the greeting", "Put Gwen for the name,
    # please", "For the name, please put Gwen."
    (r"(?:^|(?<=[.!?,;]\s)|(?<=\band\s)|(?<=\bplease\s))(?:put|pop|enter|type)\s+my\s+name\s+(?:in\s+|down\s+)?as\s+",
     "my name is "),
    (r",?\s+(?:and|n|&)\s+(good\s+morning|hello|hi)\s+(?:in\s+)?(?:for|as)\s+(?:the|my)\s+greeting\b", r", greeting: \1"),
    (r"\b(?:pick|choose|put|use|select|go\s+with|pop|and)\s+(good\s+morning|hello|hi)\s+(?:in\s+)?(?:for|as)\s+(?:the|my)\s+greeting\b",
     r"greeting: \1"),
    (r"\b(?:put|use|enter|type|pop)\s+((?-i:[A-Z])[\w'-]*(?:\s+(?-i:[A-Z])[\w'-]*)?)\s+(?:in\s+)?(?:for|as)\s+(?:the|my)\s+name\b",
     r"name: \1"),
    (r"\bfor\s+the\s+name\s*,?\s*(?:please\s+|kindly\s+)?(?:put|use|enter|type|pop)\s+(?:in\s+)?", "name: "),
    # "put in barry group and quinlans for the ones i'm up against": the competitors, said by what they are.
    (r"\b(?:the\s+)?(?:ones|crowd|lot|people|shops|companies|firms|places|outfits|businesses)\s+(?:that\s+)?"
     r"(?:i'?m|we'?re|i\s+am|we\s+are)\s+(?:up\s+against|competing\s+(?:with|against))\b", "competitors"),
    (r"\b(?:the\s+)?both\s+of\s+(?:them|em|'em|those|these)\b", "both"),  # "pay NIS and call Keith, mark both of them done"
    (r"\bshift\s+(it|that|them|this)\s+(?=(?:to|up|down|right)\b)", r"move \1 "),  # "then shift it to the bottom"
    (r"\bput\s+(?!(?:it|that|them|this)\b)(.{2,60}?)\s+back\s+(?:open|to\s+not\s+done|as\s+not\s+done|to\s+undone)\b",
     r"reopen \1"),  # "put call Mikko about chimney back open"
    # "… like it was done but it's not, put it back as pending", "put it back to not done"
    (r"\b(?:put|set|mark)\s+(it|that|this|them)\s+back\s+(?:as|to)\s+(?:pending|not\s+done|undone|unticked|open|to\s*do)\b",
     r"reopen \1"),
    (r"^\s*(?:one\s+more\s+thing|another\s+one|oh\s+and)\s*[-:–—]\s*(?=\w)", "add "),  # "one more thing - top up metro card"
    # "bleach order's away": the order is sent, so it is done (not gone from the list).
    (r"\b(order|letter|parcel|form|application|invoice|payment|cheque|check)'?s\s+(?:away|gone\s+off|sent\s+off)\b",
     r"\1 is done"),
    # "remind me to get Kerr's Pink tattie seed, put it on the list": what to be reminded of is the thing added.
    (r"^\s*(?:remind|mind)\s+me\s+(?:to|ta|tae)\s+([^,.;!?]{2,80}?)\s*[,;.]\s*(?:and\s+)?(?:put|pop|stick|add|pit)\s+(?:it|that|hit)\s+"
     r"(?:on|in|onto|to)\s+(?:the|my|me|da)\s+(?:list|todos?|to-?do\s+list)\s*[.!]*$", r"add \1"),
    # "start a new comparison, we are up against Uber, Bolt and People Mover": who they are up against is the list.
    (r"(?:^|(?<=[,.;:!?]\s))(?:i'?m|we'?re|i\s+am|we\s+are)\s+(?:up\s+against|competing\s+(?:with|against))\s+(?=\S)",
     "competitors: "),
    # A radio operator's "affirm", "roger", "copy that" opens the message: yes, no ask; "comp analysis" is its app.
    (r"^\s*(?:affirm(?:ative)?|roger(?:\s+that)?|copy\s+that|10-4)\b[,.!]?\s+(?=\w)", ""),
    (r"\bcomp\s+analysis\b", "competitive analysis"),
    (r"^(?:put|pop|enter|type)\s+(?:in\s+)?((?:(?!\b(?:for|as)\b)[^.!?;]){2,80}?)\s+(?:in\s+)?(?:for|as)\s+(?:(?:the|my|our)\s+)?"
     r"competitors\b\s*[.!]*$", r"competitors: \1"),
    (r"\b(say|said|talk(?:ed)?|mention(?:ed)?|wrote|write|note[sd]?)\s+re:?\s+(?=\w)", r"\1 about "),  # "what did i say re flu shots"
    (r"\bput\s+me\s+(?=(?:the|my)\s+(?:todo\s+)?list\b)", "show me "),  # Spanish's "ponme la lista"
    # A signed-off message: "… THANKS, JIMMY", "Goodnight, Jimmy".
    (r"[\s.!]*\b(?:thanks|thank\s+you|cheers|goodnight|good\s+night|regards|love|ta)\s*,\s*(?-i:[A-Z][A-Za-z]+)\s*[.!]*$", "."),
    # Second-language English drops a "to" or an "is": "remind me call Mrs. Linda …", "my name Lan, greeting Hi".
    (r"\bremind\s+me\s+(?=(?:call|ring|phone|text|buy|pay|book|pick|order|get|send|email|fix|renew|clean|check)\b)",
     "remind me to "),
    (r"\bmy\s+name\s+(?=(?-i:[A-Z])\w*\s*(?:[,.!]|$))", "my name is "),
    (r"\b(?:ought|wants|needs)\s+to\s+(?=(?:say|read)\b)", "should "),  # "brass band thursday wants to say …"
    # "… should say X, fix it for us": the fix asked is the change said.
    (r"(\bshould\s+(?:say|read)\s[^.!?]*?)[,\s]+(?:(?:can|could|will|would)\s+you\s+|please\s+)?(?:fix|change|sort|correct)\s+"
     r"(?:it|that)(?:\s+(?:out|for\s+(?:us|me)))*(?:\s+please)?\s*[.!]*$", r"\1"),
    (r"\bI\s+(?:should|would)\s+like\s+(?=(?:a|an)\s+new\s+(?:profile|todo|item|task|run|analysis)\b)", "create "),
    (r"\bwhere'?s\s+(?:the\s+)?(\w+)\s+page\b", r"open the \1 page"), (r"\babt\b", "about"),
    (r"(\b(?:one|item|thing|todo)\s*,\s*)(?:make|have)\s+it\s+(?:say\s+|read\s+)?(?=\S)", r"\1change it to "),
    # "per my last... what did i say about …": the last email, no place in the list.
    (r"^\s*per\s+my\s+last(?:\s+(?:email|e-mail|message|note|mail))?\b[\s.…,:-]*", ""),
    (r"^\s*(?:new\s+|another\s+)?action\s+item\s*[:\-–—]\s*", "todo: "),  # "action item: follow up w/ Acme on …"
    # Office English: "close out the expense report", "the one about the car - close it out": done.
    (r"(\bone\b[^.!?]*?)\bclose\s+(it|that|this|them)\s+out\b", r"\1tick \2 off"),  # not "looks good, close it out"
    (r"\bclose\s+out\s+(?!(?:the\s+|this\s+)?(?:run|analysis|workflow|hello)\b)", "tick off "),
    # Going somewhere said without a verb that names it: "back to the todo list", "pop me over to the Work one".
    # Not a step ("back to the name step" goes back in the run) nor a place in the list.
    (r"^(\s*(?:(?:ok(?:ay)?|right|now|so|and|alright|k)\b[\s,]*)*)(?:(?:get|take|bring)\s+(?:me|us)\s+)?back\s+to\s+"
     r"(?=(?:[\w'-]+\s+){0,3}?(?:list|todos?|profile|workspace|app|page|dashboard|screen|(?-i:Default|Work))\b)", r"\1go to "),
    (r"\bgo\s+to\s+(?=(?:the|my)\s+(?:todo|to-?\s?do)\s+list\b)", "open "),  # the page, not a listing of it
    (r"\bgo\s+to\s+(?:the|my)\s+list\s*(?=[.!?]*$)", "open the todo list"),  # "take me back to the list"
    (r"\b(?:take|get|bring)\s+(?:me|us)\s+into\s+", "switch to "),  # "make a new space … and take me into it"
    (r"\bswitch\s+(?:me|us)\s+(?:over\s+)?(?:into|to)\s+", "switch to "),  # "and then switch me into it"
    # "… dropped my whole guitar lol put that on there": laughter between two sentences ends the first
    (r"(?<=\w)\s+(?:lol|lmao|haha\w*)\s+(?=(?:put|add|tick|delete|remove|move|change|mark|can|could|please|pls)\b)", ". "),
    (r"\b(?:put|sign|write)\s+me\s+(?:down|in|up)\s+as\s+(?=\w)", "my name is "),  # "put me down as dale and pick hi …"
    # "The podiatrist, put him at the bottom": a todo about someone is moved as "him" or "her"
    (r"\b(put|move|bump|shift|stick|push)\s+(?:him|her)\s+(?=(?:at|to|on|up|down|first|last|second|third)\b)", r"\1 it "),
    (r"\b(take|cross|knock|remove|delete|drop)\s+(?:him|her)\s+(?=(?:right\s+)?(?:off|from)\b)", r"\1 it "),  # "Cousin Myra, take her off"
    (r"\b(?:pop|hop|nip|flip|jump|swap|move|put|shift|flick)\s+(?:me|us)\s+(?:back\s+)?(?:over\s+|across\s+|round\s+)?"
     r"(?:to|into|onto)\s+", "switch to "),
    # "please tick the same", "kindly start the same once again": Indian English's "the same" is "it".
    (r"\b(tick|mark|update|change|edit|delete|remove|start|keep|put|move|finali[sz]e|complete|cancel|revert|"
     r"untick|reopen|shift|bump)\s+the\s+same\b", r"\1 it"),
    # Homophones typed fast: "put wash uniform on their", "right down: return ID badge".
    (r"\bon\s+their\b(?=\s*(?:$|[,.!?;]|\s+(?:please|pls|thanks)\b))", "on there"),
    (r"^\s*right\s+down\b(?=\s*[:,-]|\s+(?!the\b|to\b|there\b|here\b)\w)", "write down"),
    (r"\bon\s+there\b(?=\s*(?:$|[,.!?;]|\s+(?:please|pls|thanks)\b))", "on the list"),  # "put X on there"
    # "pls put in the list pagar al proveedor": where it goes, said before the thing.
    (r"\b(?:put|add|stick|write)\s+(?:in|on|to|onto|into)\s+(?:the|my|our)\s+(?:list|todos?|to-?\s?do\s+list)\s*[:,-]?\s+(?=\w)",
     "add "),
    (r"\bto[\s-]do\s+(lists?)\b", r"todo \1"),  # "on my to do list", as dictated
    (r"\bmake\s+done\b", "complete"),
    # Texting: "move call mum 2 the top", "go 2 profiles", "rename milk 2 oat milk", "search the chat 4 landlord",
    # "greeting shld be …", "competitors r notion, obsidian": the words the digits and letters stand for.
    (r"\b(go|it|them|back|switch|move|jump|bump|up|down)\s+2\s+(?=[a-z])", r"\1 to "),
    # Not once its "to" is said, nor after a word that takes a number: "change it to quote for 2 bathrooms".
    (r"\b((?:change|rename|edit|update|amend)\b(?:(?!\bto\b)[^,.;!?'\"\u2018\u2019\u201c\u201d])*?[^\s,.;!?])(?<!\bfor)(?<!\bof)"
     r"(?<!\bby)(?<!\bwith)\s+2\s+(?=[a-z])", r"\1 to "),
    (r"\b((?:move|bump|put|shift|stick)\b[^,.;!?'\"\u2018\u2019\u201c\u201d]*?[^\s,.;!?])\s+2\s+(?=(?:the\s+)?(?:top|bottom|end|start|front|back|position|place|number)\b)",
     r"\1 to "),
    (r"\b((?:search|look|find)\b[^,.;!?'\"\u2018\u2019\u201c\u201d]*?)\s+4\s+(?=[a-z])", r"\1 for "),
    # "eggs done call mum done": two things reported done in one breath, without a mark between them.
    (r"\b(done|finished)\s+(?=(?:[\w']+\s+){1,5}(?:done|finished)\s*[.!]*$)", r"\1, "),
    (r"\bshld\b", "should"), (r"\bcud\b", "could"), (r"\bwud\b", "would"),
    (r"(?<=[a-z])\s+r\s+(?=[a-z])", " are "),
    (r"\s+so\s+(?:that\s+)?it\s+(?:now\s+)?(?:reads|says)\s+(?=['\"\u201c])", " to "),  # "amend 'A' so that it reads 'B'"
    # "fix call Lucía about the cake so it says call Lucía about the wedding cake": the new text, unquoted.
    (r"^(\s*)(?:fix|change|edit|update|amend|alter)\s+(.+?)\s+so\s+(?:that\s+)?it\s+(?:now\s+)?(?:reads|says)\s+(?=\S)",
     r"\1change \2 to "),
    # "Would you alter the Mick one to read 'text Mick about the reunion'": an edit, its new words quoted.
    (r"\balter\s+(.+?)\s+to\s+(?:read|say)\s+(?=['\"\u201c\u2018])", r"change \1 to "),
    # "so make 'A' say 'B'", "Change X into Y": edits in other words.
    (r"\bmake\s+([\"“‘'].+?[\"”’'])\s+(?:say|read)\s+(?=[\"“‘'])", r"change \1 to "),
    (r"^(\s*)change\s+([^,.;!?]+?)\s+into\s+(?=\S)", r"\1change \2 to "),
    # "not milk, make that oat milk instead": the thing taken back, then what it should be.
    (r"^\s*not\s+([^,.;!?]+?),\s*make\s+(?:that|it)\s+([^,.;!?]+?)(?:\s+instead)?(?=\s*(?:[,.!?]|$))", r"change \1 to \2"),
    # "bring 'em up to da top", "X must go all the way up to the top", "X has to be open again": places and states.
    (r"\bbring\s+(?!(?:me|us)\b)(.+?)\s+(?:up\s+|down\s+)?to\s+the\s+(top|bottom)\b", r"move \1 to the \2"),
    (r"^(\s*)([^,.;!?]{2,60}?)\s+(?:must|has\s+to|needs\s+to|should)\s+go\s+(?:all\s+the\s+way\s+)?(?:up\s+)?to\s+the\s+top\b",
     r"\1move \2 to the top"),
    (r"^(\s*)([^,.;!?]{2,60}?)\s+(?:has|needs)\s+to\s+be\s+open(?:ed)?\s+again\b", r"\1reopen \2"),
    (r"^\s*([^,.;!?]{2,60}?)\s+is\s+(?:the\s+)?most\s+important(?:\s+(?:now|today))?\s*[,.]\s*(?:so\s+)?(move|put|bump)\s+it\b",
     r"\2 \1"),  # "print new price list is most important. move it to the top"
    # Belfast: "what about ye" greets, "so it is" closes, "catch yourself on" scolds; "can ye" asks as "can you".
    (r"^\s*what\s+about\s+(?:ye|you|yous)\b[,!\s]*", ""), (r"^\s*aye,?\s+(?=\w)", ""),
    (r",?\s*\bso\s+(?:it|i|he|she|they|we)\s+(?:is|am|are|was|does|did|do|will)\s*(?=[.!?]*$)", ""),
    (r"[,\s]*\bcatch\s+yourself\s+on\b(?:\s+(?-i:[A-Z])\w+)?\s*(?=[,.!?]|$)", ""),
    (r"\b(can|could|would|will)\s+ye\b", r"\1 you"),
    # Cajun: "don't let me forget the fais do-do …, put go to Randol's saturday on there": the thing put is the ask;
    # "go on and switch me into it": go ahead; "so it say 6": so it says.
    (r"^\s*don'?t\s+let\s+me\s+forget\s+[^,.;!?]+,\s*(?=(?:put|add|stick)\b)", ""), (r"\bgo\s+on\s+and\s+(?=\w)", ""),
    (r"\bso\s+it\s+say\b", "so it says"), (r"\bbout\s+(?=(?:the|my|a|an|meeting|it|that)\b)", "about "),
    (r"^\s*(?:that|the|my)\s[^,.;!?]*?\btoo\s+[\w\s]{1,20}?\s+to\s+(?:fix|use|keep|save|mend)\b[^,.;!?]*,\s*", ""),
    # "bas one more thing, get …", "… and also refill water cooler", "looks jättebra, finalize it", "… chat na".
    (r"^\s*(?:bas\s+|ok\s+|oh\s+|and\s+)?one\s+more\s+thing\s*[,:-]\s*", ""), (r"\band\s+also\s+(?=\w)", "and "),
    (r"^\s*(?:looks|all)\s+(?:good|great|fine|perfect|jättebra|bra|ok(?:ay)?)\s*[,.!]+\s*(?=(?:finali[sz]e|submit|lock)\b)", ""),
    (r"\b(chat|list|it|that|this|pls|please)\s+na(?=\s*[.!?]*$)", r"\1"),
    (r"(?<=[.!?])\s+(?:he|she|they)(?:'s|\s+is|\s+are|'re)\s+(?:my|our|his|her|their|a|an|the|just|not)\b[^.!?]*[.!?]*$",
     ""),  # "for the name step, Shoaib Akhtar. he's my nephew not the real one haha": who he is, told after
    # "make it say call Usman's abbu about fees so I remember why I'm calling": why it is worded so is no part of it.
    (r"\s+so\s+(?:that\s+)?i\s+(?:can\s+|will\s+|'ll\s+)?(?:remember|know|don'?t\s+forget|recall)\b[^.!?]*", ""),
    # "call Asad sir, make it call Asad sir after maghrib", "return library books -> return library books at …": the
    # new wording of the thing just named.
    (r"^\s*([^,.;!?>-]{3,60}?)\s*(?:,\s*make\s+it|,|->|→|=>)\s+(?=\1\b)", r"change \1 to "), (r"\btyp\s+(?=\w)", ""),
    # "forgot Machine Mart, go back to the competitors bit": what was forgotten is why, said after the going back.
    (r"^\s*((?:i\s+|oops,?\s+)?forgot\s+[^,.;!?]+),\s*((?:go|take\s+me|bring\s+me)\s+back\b[^.;!?]*?)\s*([.!]*)$", r"\2, \1\3"),
    (r"\bput\s+(.+?)\s+down\s+there\b", r"add \1"),
    (r"^\s*(?:add|write(?:\s+down)?|note(?:\s+down)?|jot\s+down|put\s+down)\s+for\s+(?:me|us)\s*:", "add:"),  # "Write down for me: …"
    # "put X down there would ye, …": a tag after the thing asks nothing more; "dig it out of the chat" searches.
    (r"(?<=\w)\s+(?:would|will|could)\s+(?:you|ye|u)\s*(?=,|[.!]*$)", ""),
    (r"\b(?:dig|fish|pull)\s+(it|that)\s+(?:out|up)\s+(?:of|from)\s+the\s+chat\b", r"find \1 in the chat"),
    (r"\bbring\s+me\s+(?:over|back|across)\s+to\s+(?=the\b|my\b)", "take me to "),  # "bring me over to the todo list"
    (r"\bread\s+(?:me\s+)?(?:back|out)\s+(?:what'?s|what\s+is|what\s+i\s+have)\s+(?:left\s+|still\s+)?on\s+(?:the|my|me)\s+list\b",
     "show me the list"),  # "then read me back what's left on the list"
    (r"\b(?:read|tell|show)\s+(?:me\s+)?(?:back\s+|out\s+)?what'?s\s+(?:still\s+)?left\b(?!\s+(?:on|in|of)\b)", "show me the list"),
    # "parking permit sorted": a thing said to be sorted is done, not to be sorted into order.
    (r"^(?!.*\b(?:add|put|get|getting|remind|need|needs|have|has)\b)(\s*[^,.;!?]{2,60}?)(?:'s|\s+is|\s+are)?\s+(?:all\s+)?"
     r"sorted(?:\s+(?:now|out|already))?(?=\s*[.!]*$|\s*[,;]\s*(?:so\s+|just\s+|please\s+)?(?:mark|tick|cross|check)\b)",
     r"\1 is done"),  # "the third one's sorted, mark it done for us"
    # "new one swap shift with priya": a new thing named straight after, as dictated.
    (r"^\s*(?:new|another)\s+(?:one|todo|item|task|entry|reminder)\s+(?!(?:please|pls|for|is|was|about|with|to)\b)(?=\w)",
     "add "),
    # "the eggs one should say twelve eggs not just eggs": what it should not say is no part of the new text.
    (r"\b(say|read)\s+([^,.;!?]+?)\s+(?:not|instead\s+of|rather\s+than)\s+(?:just\s+|only\s+|simply\s+)?[^,.;!?'\"]+$",
     r"\1 \2"),  # "please make done the milk"
    (r"\btake\s+away\s+(.{1,80}?)\s+from\s+(?=(?:the|my|our)\s+(?:list|todos?|to-?\s?do)\b)", r"remove \1 from "),
    (r"\b(rename|change)\s+(.{1,80}?)\s+(?:in|for)\s+(?=['\"\u201c])", r"\1 \2 to "),  # "rename X in 'Y'", "… for 'Y'"
    # "X needs to be number one", "X should be first": a place said of a thing moves it there.
    (r"^(?:so\s+)?(.{2,80}?)\s+(?:needs|need|has|have|should|must|ought)\s+(?:to\s+)?(?:be|go)\s+"
     r"(?:number\s+(?:one|1)|first|at\s+the\s+top|on\s+top|top)\b", r"move \1 to the top"),
    (r"^(?:so\s+)?(.{2,80}?)\s+(?:needs|need|has|have|should|must|ought|can|could|may)\s+(?:to\s+)?(?:be|go)\s+"
     r"(?:last|at\s+the\s+(?:very\s+)?(?:bottom|end)|(?:to\s+)?(?:the\s+)?(?:very\s+)?bottom)\b", r"move \1 to the bottom"),
    # "…, and after finalize it"; not "delivery speed and after service", a thing named "after service".
    (r"\band\s+(?:afterwards|after\s+that|after(?=\s+(?:add|tick|delete|remove|finali[sz]e|start|submit|move|open|switch|"
     r"cancel|mark|put|go|change|edit|search|show|list|do|make)\b))\b", "and then"),
    # "bin milk and add oat milk instead"; not a name's "Instead" ("Home Instead", a care company)
    (r"(?<=\w)\s+(?-i:instead|INSTEAD)(?=\s*(?:$|[,.!?;]))", ""),
    # "…? Thank you kindly.", "… Thank you ever so much.": thanks at the end, after a mark, asks nothing.
    (r"(?<=[,.!?])\s*(?:(?:thank\s+you|thanks|many\s+thanks|cheers|ta|bless\s+you)(?:\s+(?:so|ever|very|kindly|much|"
     r"a\s+lot|loads|dear|again|in\s+advance))*[\s.!]*)+$", ""),
    # "switch to Work && open todos", "new profile homelab + switch to it", "+ 'rotate ssh keys'": typed as code.
    (r"\s+&&\s+", " and then "), (r"^\s*\+\s*(?=\S)", "add "),
    # "Could you set that going for me?", "get the long job going", "fire up the crawl": start it.
    (r"\b(?:set|get)\s+((?:it|that|this|the\s+[\w-]+(?:\s+[\w-]+)?))\s+(?:going|running|started)\b", r"start \1"),
    (r"\bfire\s+up\b", "start"),
    # "lgtm, finalize", "perfect, now add bread": an acknowledgement before the ask asks nothing itself.
    (r"^\s*(?:lgtm|looks\s+good|ok(?:ay)?|cool|great|perfect|nice|sweet|awesome|alright|good)\s*[,!.]+\s+(?=\w)", ""),
    (r"[\s,.!?]+(?:gracias|merci|danke|grazie|obrigad[oa]|dziękuję|dankjewel|tack)[\s.!]*$", ""),  # thanks, said abroad
    # "it is possible to add pay the loyer ?", "is possible to make a new profile?": asking whether it can be
    # done asks for it, as "can you …?" does. Not "is it possible that …", a question about the world.
    (r"\b(?:(?:is\s+)?it\s+is|is\s+it|would\s+it\s+be|is|it'?s)\s+possible\s+(?:for\s+(?:you|u)\s+)?to\s+(?=\w)",
     "can you "),
    # "I would like that you add …", "I want that you put …": a Romance-language way of asking.
    (r"\b(i\s+(?:would\s+like|'d\s+like|want|wish))\s+that\s+(?:you|u)\s+(?=\w)", r"\1 you to "),
    (r"\bun[\s-]+(tick|check|mark)(?=(?:ed|ing)?\b)", r"un\1"),  # "un check send comps", as dictated
    (r"\bdoon\s+tae\b", "down to"),  # Scots: "shift eggs doon tae the bottom"
    (r"\b(add|put)\s+(?:smth|sth|something|summat)\s+like\s+", r"\1 "),  # "add smth like clean room": a hedge
    # "chuck charge controller on the list", "bung it on my list": put, as said in Australia and Britain.
    (r"\b(?:chuck|bung|slap)\b(?=[^.!?;]*?\s(?:on|onto)\s+(?:the|my|ur|your)\s+(?:list|todos?|to-?do)\b)", "put"),
    # Pidgin's "am" after a verb is "it": "tick am for me", "put am for top", "make am collect iPhone 11 pro screen".
    (r"\b(tick|untick|mark|put|move|bump|remove|delete|cancel|change|make|start|stop|kill|clear|cross|add|carry|comot)"
     r"\s+am\b(?!\s*(?:i|a|an)\b)", r"\1 it"),
    (r"\b(it)\s+for\s+(top|bottom)\b", r"\1 to the \2"),  # "put am for top"
    (r"\bdem\b", "them"),  # Pidgin: "compare dem on price"
    (r"\s+with\s+a\s+capital\s+\w\b", ""),  # "call it Choir with a capital C": how it is spelt, not its name
    # "put the assignment on top", "put buy diesel for gen for number 2": putting a thing at a place moves it.
    (r"\b(?:put|stick|pop)\s+((?:(?!\b(?:and|then|also)\b)[^,.;!?])+?)\s+(?:right\s+)?(?:at|on|to|for|in)\s+(?:the\s+)?(?:very\s+)?"
     r"(top|bottom|(?:number|position|no\.?|#)\s*\d{1,3})\b",
     lambda m: f"move {m.group(1)} to {'the ' if m.group(2).isalpha() else ''}{m.group(2)}"),
    # "… and stick it right up the top", "put it up top": the top of the list.
    (r"\b(stick|put|move|bump|shove)\s+(it|that|them|this)\s+(?:right\s+)?up\s+(?:the\s+|at\s+the\s+)?top\b", r"\1 \2 to the top"),
    (r"\b(to\s+the\s+top)\s*,?\s*(?:#|number\s*|no\.?\s*)(?:1|one)\b", r"\1"),  # "move it to the top #1": one place said twice
    (r"\bthe\s+both\s+of\s+(them|em|'em)\b", r"both of \1"),  # "tick the both of them off"
    # "splittin the wood and gettin the ice": a doing's "g" left off, after a doubled letter it only has then.
    (r"\b([a-z]{2,}(?:tt|pp|nn|gg|dd|mm))in(?=\s|$)", r"\1ing"),
    # "put fix screen door first and sharpen fillet knife last": each thing moved to the end said after it.
    (r"\b(?:put|move|bump|stick)\s+(?!(?:to|at|on|in|up|down)\b)((?:(?!\b(?:and|then|it|them|this|that)\b)[^,.;!?]){2,60}?)\s+(first|last)"
     r"(?:\s+and\s+((?:(?!\b(?:and|then|it|them)\b)[^,.;!?]){2,60}?)\s+(first|last))?(?=\s*(?:$|[,.!?]|pls\b|please\b))",
     lambda m: f"move {m.group(1)} to the {_END_SAID[m.group(2).lower()]}" + (
         f" and move {m.group(3)} to the {_END_SAID[m.group(4).lower()]}" if m.group(3) else "")),
    # "Wäsche waschen put on number 2": the thing first, then where to put it.
    (r"(?:^|(?<=[,;.!?]\s)|(?<=\band\s))(?!(?:add|put|stick|pop|move|please|pls|can|could|and|also|then|i|we)\b)"
     r"((?:(?!\b(?:and|then|also|is|are|was|were|be)\b)[^,.;!?]){2,80}?)\s+(?:put|stick|move|bump)"
     r"\s+(?:it\s+)?(?:(?:at|on|to)\s+)?(?:the\s+)?(top|bottom|end|(?:number|position|no\.?|#)\s*\d{1,3})\b",
     lambda m: f"move {m.group(1)} to {'the ' if m.group(2).isalpha() else ''}{m.group(2)}"),
    # "can start the long job?": asking whether it can be done, with the "you" left out, asks for it.
    (r"(?:^|(?<=[.!?]\s))(can|could)\s+(?=(?:start|stop|add|put|delete|remove|move|change|open|switch|tick|mark|cancel|"
     r"show|make|create|finali[sz]e|go)\b)", r"\1 you "),
    # German ways of asking: 'change "A" so: "B"', 'Please "X" open again.', "1) add …; 2) tick …".
    (r'(["”])\s+so\s*:\s*(?=["“])', r"\1 to "),
    (r'(?:^|(?<=[.!?]\s))(\s*(?:please|bitte|kindly)\s+)?(["“][^"”]+["”])\s+(open|tick|delete|remove|complete|reopen|untick|move|mark)\b',
     lambda m: f"{m.group(1) or ''}{'reopen' if m.group(3).casefold() == 'open' else m.group(3)} {m.group(2)}"),
    (rf"^\s*(?:{THINGS_COUNT}|\d)\s+things\s*:\s*(?=\(?1\))", ""),
    (r"(?:^|(?<=[\s;:,]))\(?[1-9]\)\s+(?=\w|[\"“'])", ""),
    # "move kaya stok to last", "that one at the bottom move to top": the places in other words.
    (r"\b((?:move|put|shift|bump)\s+.+?\s+to)\s+(?:the\s+)?last\b(?=\s*(?:$|[,.!?]))", r"\1 the bottom"),
    (r"\b(move|put|shift|bump)\s+to\s+(?:the\s+)?(last|bottom|top|end)\b(?=\s*(?:$|[,.!?]|pls\b|please\b))",  # "the thing about
     lambda m: f"{m.group(1)} it to the {'bottom' if m.group(2).lower() == 'last' else m.group(2)}"),  # mum move to last"
    (r"^\s*(?:that|the)\s+one\s+(?:at|on)\s+the\s+(bottom|top)\b", r"the \1 one"),
    (r"[\s,]+b'y\b(?=\s*[.!?]*$)", ""),  # Newfoundland's closing "b'y" ("boy"): who is spoken to
    # Cajun English: an opening "mais" (well), a closing "cher" or "ça c'est bon" (that's good) are no part of the ask.
    (r"^\s*mais\b,?\s+(?=\w)", ""), (r"[\s,]+cher\b(?=\s*[.!?]*$)", ""), (r"[\s,]+ça\s+c'?est\s+bon\b[\s.!]*$", ""),
    # Irish English: "would you ever put down on the list for me to bake a brack", "put down collect the pension",
    # "while I think of it", "look back for it", "take off the ESB bill one".
    (r"\bwould\s+you\s+ever\b", "would you"),
    # "sure look", ", grand", ", sure thats all anyone cares about", "so I can read what this is all about": remarks.
    (r"(?<=\w)\s+so\s+(?:that\s+)?(?:i|we)\s+(?:can|could)\s+[^.!?;]*", ""),
    # "set an alarm for 6:30 so I remember to pick up the boards": why the alarm, which no tool sets; no todo.
    (r"\b((?:set|put\s+on)\s+(?:an?|my|the)\s+(?:alarm|timer)\b[^.!?;]*?)\s+so\s+(?:that\s+)?(?:i|we)\s+"
     r"(?:remember|don'?t\s+forget|do\s+not\s+forget|wake\s+up)\b[^.!?;]*", r"\1"),
    (r"[\s,]+(?:but\s+|and\s+)?sure\s+(?:look|thats|that'?s|it'?s|its|we'?ll|you\s+know|isn'?t|wasn'?t|he|she|they)\b[^.!?;]*", ""),
    (r"[\s,]+grand(?:\s+job)?\s*(?=[.!]*$)", ""),
    # "I'm after ringing the electrician": done just now. Not "we're after running out of ice", a story.
    (r"\b(?:i'?m|im|i\s+am|we'?re|we\s+are)\s+(?:only\s+|just\s+)?after\s+(?!(?:running|being|losing|forgetting|breaking|"
     r"hearing|seeing|finding|getting\s+a)\b)(\w+ing\b(?:(?!\s+(?:so|then|but|can|could|please|pls)\b)[^,.;!?])*)", r"\1 is done"),
    (r"(?:^|(?<=[.!?]\s))(good\s+morning|hello|hi)\s+(?:i'?ll|we'?ll)\s+(?:have|take|go\s+with)\b", r"greeting: \1"),
    (r"^\s*(?:ah|oh|och)\s+no\s+(?=the\b)", ""),  # "ah no the barrel isnt changed at all": a report, no correction
    (r"^\s*(?:put|pop|enter)\s+(?:in\s+)?((?-i:[A-Z])[\w'-]+)\s+(?:and|then|,)\s+(hello|hi|good\s+morning)\s*[.!]*$",
     r"name: \1, greeting: \2"),  # "put in Bridie and Hi"
    # "add one for Home and put me into it": only a profile is switched to.
    (r"\b(?:add|make|create)\s+(?:a\s+new\s+|another\s+)?one\s+(?:for|called|named)\s+(\S+)\s+and\s+"
     r"(?=(?:switch|put|move|pop|take|bring)\s+(?:me|us)?\s*(?:to|into|onto)?\s*it\b)", r"add a profile called \1 and "),
    (r"\b(?:put|take|bring|move)\s+(?:me|us)\s+(?:into|onto|in|to)\s+it\b", "switch to it"),
    (r"\bbring\s+(?:me|us)\s+(?:over\s+)?to\s+", "go to "),  # "bring me to the introduction page"
    # "Would you put that on the list, write to Sister Philomena": the thing named after the comma.
    (r"\bput\s+(?:that|it|this)\s+on\s+(?:the|my)\s+list\s*,\s*(?=\w)", "add "),
    # A long message signed with a name: "… Thank you. Bridie".
    (r"(?<=[.!?])\s+(?:-\s*)?(?!(?-i:Done|Finished|Sorted|Yes|No|Delete|Cancel|Finalize|Finalise)\b)(?-i:[A-Z][a-z]{2,})\s*[.!]?\s*$",
     lambda m: "" if len(m.string.split()) >= 12 else m.group(0)),
    (r"\bfor\s+the\s+(?:companies|rivals|competition)\b", "for the competitors"),
    # "Start one of these comparison things for me": a comparison started is a competitive analysis
    (r"\b(start|begin|open|make|do)\s+(?:a|an|one\s+of\s+(?:these|those|them|the|your))\s+(?:new\s+)?comparison"
     r"(?:\s+things?)?\b", r"\1 a competitive analysis"),
    (r"\bput\s+down\s+on\s+(?:the|my|this)\s+list\s+(?:for\s+me\s+)?(?:to\s+)?(?=\w)", "add "),
    # "'send guest list to hotal' should be 'send guest list to hotel'. fix it please": the quoted todo, changed
    # "I wrote 'top up MoMo' but it is really 'top up MoMo with 50 cedis'", "'A' should rather read 'B'. Do and correct it"
    (r"(?:\bI\s+(?:wrote|typed|put(?:\s+down)?|entered)\s+)?(?P<old>[\"“‘'][^\"”’']+[\"”’'])\s*,?\s+but\s+(?:it\s+is|it'?s|its)\s+"
     r"(?:really|actually|meant\s+to\s+be)\s+(?P<new>[\"“‘'][^\"”’']+[\"”’'])", r"change \g<old> to \g<new>"),
    (r"(?P<old>[\"“‘'][^\"”’']+[\"”’'])\s+(?:should|shld|shud)\s+(?:rather\s+)?(?:be|say|read)\s+(?P<new>[\"“‘'][^\"”’']+[\"”’'])"
     r"(?:[,.;]?\s*(?:so\s+)?(?:(?:can|could|would)\s+(?:you|u)\s+|please\s+|pls\s+|do\s+and\s+)?(?:fix|correct|change|edit)\s+"
     r"(?:it|that|this)(?:\s+(?:please|pls|for\s+me|na))*)?", r"change \g<old> to \g<new>"),
    (r"^\s*(?:put|throw|stick|pop)\s+on\s+(?:the\s+|my\s+|this\s+)?list\s*:?\s+(?=\w)", "add "),  # "put on list order …"
    (r"\bback\s+in\s+(?=(?-i:[A-Z]))", "back to "),  # "Take me back in Default"
    (r"\bwho\s+(?:wrote|put|typed|added)\s+(?:this|that)\b[^.!?]*[.!?]+\s*", ""),  # "Who wrote this, is crazy!"
    # "the bike one is wrong, it's not the brakes it's the gears": the word swapped ("gears not brakes")
    (r"\bit'?s\s+not\s+(?:the\s+)?([\w-]+)\s*,?\s*it'?s\s+(?:the\s+)?([\w-]+)", r"\2 not \1"),
    # "can you fix pick up Yousef at 2 so it says pick up Yousef at 3": the change the saying asks for
    (r"\b(?:fix|change|edit|correct)\s+(?!it\b|that\b|this\b)([^,;.!?'\"]+?)\s+so\s+(?:that\s+)?it\s+(?:says|reads)\s+"
     r"([^,;.!?'\"]+?)\s*(?=[.!?]*$)", r"change '\1' to '\2'"),
    (r"\badd\s+(?:this|these|the\s+following)\s*:\s*", "add: "),  # "7abibi add this: return the boxes …"
    # "back to Default ba2a, done with work for today": the user done for the day is no thing done
    (r"[\s,]+(?:i'?m\s+|i\s+am\s+)?(?:done|finished)\s+with\s+(?:work|the\s+work|everything|it\s+all)"
     r"(?:\s+for\s+(?:today|now|the\s+day))?\b(?=\s*(?:[,.!?;]|$))", ""),
    (r"^\s*(?:ok\s+)?(?:i'?m\s+|i\s+am\s+)?(?:done|finished)\s+with\s+(?:work|the\s+work|everything|it\s+all)"
     r"(?:\s+for\s+(?:today|now|the\s+day))?\s*[,.!;]\s*(?=\w)", ""),  # "pau wit work fo today, go back to Default"
    # "Yousef finishes at 3 today not 2, can you …": when someone finishes or starts is why, before the ask
    (r"^[^,.;!?]*\b(?:finishes|ends|starts|arrives|leaves|lands|closes|opens)\s+at\s+\d[^,.;!?]*[,.;]\s*"
     r"(?=(?:can|could|would|will|please|pls|kindly)\b)", ""),
    (r"^\s*(?:(?:now|and|so|ok|okay)\s+)?what\s+to\s+compare\s*:\s*(?:put\s+)?", "compare them on "),  # "Now what to compare: put …"
    (r"(?:^|(?<=[.!?]\s))make\s+(it|that)\s+(?=[\"“‘'][^\"”’']+[\"”’']\s*[.!]*$)", r"change \1 to "),  # "…? Make it 'X'"
    # "Move the mozzarella to number 2, is urgent but not like the napkins": what it is compared with is no thing acted on
    (r"\s+but\s+not\s+(?:like|as\s+\w+\s+as)\s+(?:the\s+|my\s+)?[\w' -]+?(?=\s*(?:[.!?;]|$))", ""),
    # "Put it last", "put it first on the list"
    (r"\b(?:put|stick|pop|move)\s+(it|that|them)\s+(first|last)(?=\s*(?:[,.!?;]|$)|\s+(?:on|in)\s+(?:the|my)\s+list\b)",
     lambda m: f"move {m.group(1)} to the {_END_SAID[m.group(2).lower()]}"),
    (r"\bmove\s+(?:it\s+)?to\s+(?:the\s+)?first(?:\s+(?:place|spot|position))?(?=\s*(?:[,.!?;]|$))",
     "move it to the top"),
    (r"\b(?:put|write|jot|note)\s+down\s+(?!on\b|in\b|at\b|the\s+list\b|that\b|it\b|this\b)(?![^,.;!?]*\bas\s+(?:my|the|our)\b)"
     r"(?=\w)", "add "),
    (rf"(?:^|(?<=[.!?]\s))(?:now\s+)?{THINGS_COUNT}\s+things\s+for\s+(?:the|my)\s+list\s*[.:]\s*", "add "),
    (rf"\badd\s+{THINGS_COUNT}\s+{COUNTED_THINGS}(?:\s+for\s+(?:me|us))?\s*[-–—:]+\s*(?=\w)",
     "add "),
    # "for the show on Saturday I need two things on the list: A, and B": what leads to the colon asks to add them
    (rf"^[^:.!?]*?\b(?:i|we)\s+(?:need|want|have|got)\s+{THINGS_COUNT}\s+{COUNTED_THINGS}\s+(?:on|for|in)\s+"
     r"(?:the|my)\s+list\s*[-–—:]+\s*(?=\w)", "add "),
    (r"^\s*(?:a\s+)?new\s+one\s+for\s+(?:the|my)\s+list\s*[-–—:]+\s*(?=\w)", "add "),
    # "add 2 things: buy Dettol and pay BESCOM bill. both before Friday": when both are due says nothing of which.
    (r"(?<=\w)[.,;]\s*(?:both|all\s+of\s+them|each)\s+(?:(?:needed|due|wanted)\s+)?(?:before|by|for|on|until|till|this|next|"
     r"today|tomorrow)\b"
     r"[^.!?]*[.!]?\s*$", ""),
    # "which pages have no links pointing at them": the orphan pages, said as what they are.
    (r"\bpages?\s+(?:that\s+|which\s+)?(?:have|has|with|got)\s+no\s+(?:in)?links?\s+(?:pointing|going|coming)\s+"
     r"(?:at|to|into|in\s+to)\s+(?:them|it)\b", "orphan pages"),
    (r"^\s*while\s+i\s+think\s+of\s+it\s*[,.]?\s*", ""), (r"[\s,]*\bwhile\s+i\s+think\s+of\s+it\b", ""),
    (r"\blook\s+back\s+for\b", "search the chat for"),
    (r"\b(find|search\s+for|look\s+for)\s+(it|that|this)(?:\s+for\s+me)?\s+in\s+what\s+(?:we|i)\s+(?:wrote|said|typed)\b",
     r"search the chat for \2"),  # "Find it for me in what we wrote"
    (r"^\s*take\s+off\s+(?=the\s)", "remove "),
    (r"\b(?:my|the)\s+list\s+of\s+things\s+to\s+do\b", "my todo list"),
    (r"\b(?:strongest|best|most\s+linked)\s+pages\b", "top pages"),
    (r"\b(which|what)\s+pages?\s+(?:is|are)\s+(?:the\s+)?(?:strongest|best|most\s+linked|top)(?:\s+ones?)?\b",
     r"\1 are the top pages"),  # "which pages is the strongest?"
    (r"\byou\s+might\s+(?=(?:tick|delete|remove|add|move|put|open|switch|start|cancel)\b)", "would you "),
    # "oil change + CME hours both done": the "+" of a list of things done.
    (r"\s+\+\s+(?=[^+]*\b(?:both|all)\s+(?:done|finished)\b)", " and "),
    # "please make new profile, name is Lab", "X - please add to my todo", "return library books, finished state".
    (r"\bprofile\s*,?\s+(?:the\s+|its\s+)?name\s+(?:is\s+)?(?=\w)", "profile called "),
    (r"\b(make|create)\s+(new\s+)?profile\b", r"\1 a \2profile"),  # the article a second language leaves out
    (r"^(.+?)\s+[-–—]\s+(?:please\s+|pls\s+)?add\s+(?:it\s+|this\s+)?to\s+(?:my|the)\s+(?:todos?|list|todo\s+list)\s*[.!]*$",
     r"add \1"),
    (r"\bmake\s+(.+?)\s+(?:finished|done|complete)\s+state\b", r"mark \1 done"),
    # "an stick on buy new shin pads": "stick on" a thing adds it (not "stick on the list", "stick it on").
    (r"\bstick\s+on\s+(?!(?:the|my|a|an|this|that|it|there|here|to|at)\b)(?=\w)", "add "),
    # "…, an add buy shin pads", "move it to the top an tick eggs": "an" before an action word is "and".
    (r"(?<=[\s,])an\s+(?=(?:add|tick|delete|remove|move|put|stick|switch|start|mark|untick|cancel|finali[sz]e|search)\b(?!-))",
     "and "),
    # "Kindly add a reminder to telephone the Land Registry": the reminder is the todo, what follows "to" its text.
    (rf"\b(add|put|create|make|set)\s+(?:a|an)\s+(?:{TODO_KIND}|note)\s+(?:for\s+me\s+)?to\s+(?=\w)", r"\1 "),
    # Italian English: "please you change it in fix the pizza oven door", "tell me the list of the things to do",
    # "put health inspection at the bottom no wait, at number 2" (the last place said).
    (r"\bplease\s+you\s+(?=\w)", "please "),
    (r"\bchange\s+(it|that)\s+in\s+(?=\w)", r"change \1 to "),
    (r"\b(?:the|my)\s+list\s+of\s+the\s+things(?:\s+(?:to\s+do|i\s+have\s+to\s+do))?\b", "my todo list"),
    (r"\b(?:at|to)\s+(?:the\s+)?(?:top|bottom|end|number\s+\d+)\s*,?\s*(?:no\s+wait|wait\s+no|no\s+sorry|i\s+mean|"
     r"actually)\s*,?\s*(?=(?:at|to)\s)", ""),
    # South African English: "can you make that it says renew licence disc before end of month".
    (r"\bmake\s+(?:that|so\s+that)\s+it\s+says\b", "make it say"),
    # New Zealand English: "nah yeah ordered the baleage", "start the hello thing, names gazza", "competitors r
    # farmlands".
    (r"^\s*nah,?\s+yeah\b[,\s]*", ""),
    (r"(?<=,)(\s*)names\s+(?=\w+\s*$)", r"\1name is "),
    (r"\b(competitors|name|greeting)\s+r\s+(?=\w)", r"\1 are "),
    # Polite second-language English: "I would like to ask you to erase the dentist", "please register 'reply to
    # Kimura-san mail'" (a todo is registered), "register 2 thing: 'A' and 'B'".
    (r"\bi\s+(?:would|'d)\s+like\s+to\s+(?:ask|request)\s+(?:you\s+)?to\b", "please"),
    (rf"\bregister\s+(?!for\b|them\b|it\b|this\b|that\b|as\b|with\b|in\b|on\b)(?:{THINGS_COUNT}\s+things?\s*:\s*)?(?=[\w\"'])",
     "add "),
    # "please make dentist to done", "make both to done": the state a thing is made into.
    (r"\bmake\s+(?!(?:a|an|new)\b)([^,.;!?]+?)\s+(?:to|into|as)\s+(?:done|finished|completed?)\b", r"mark \1 done"),
    (r",?\s*(?:finished|done|complete)\s+state\b", " is done"),
    # "competitors plumbase and screwfix compare em on price": the comparing is the next step, said without a mark.
    (r"(?<=[\w)])(?<!\band)(?<!\bthen)(?<!\bplease)(?<!\bpls)\s+(?=compare\s+(?:(?:them|em|dem|those|these|it)\s+)?(?:on|by)\b)",
     ", and then "),
    # Portuguese, mixed in: "volta pro nome" goes back to the name step.
    (r"\bvolta(?:r)?\s+(?:pro|pra|para(?:\s+[oa])?|ao|à)\s+", "go back to the "),
    (r"(?<=go back to the )nome\b", "name"),
    # "Marg says change the milk one to oat milk": a request passed on is asked.
    (r"^\s*(?:(?-i:[A-Z])[\w'-]+|my\s+(?:wife|husband|boss|mum|mom|dad|partner|manager))\s+(?:says|said)\s+(?:to\s+)?"
     r"(?=(?:change|add|delete|tick|move|remove|put|rename|untick)\b)", ""),
    # "orphan page 있어? show me plz": a bare "show me" after a question shows what it asked about.
    (r"(?<=\?)\s*(?:(?:can|could)\s+(?:you|u)\s+)?show(?:\s+(?:me|us))?(?:\s+(?:them|it|those|pls|please))*\s*[.!]*$", ""),
    # "put down get the chimney swept, the smoke was desperate last winter, …": what happened, told after the
    # new thing, is why; up to an action asked after it ("…, the ones we have are manky, and tick off …").
    # "…, the noise in that shed has me half deaf, and put it …", "…, me and the wee lad are painting the gate".
    (r"^(\s*add\s[^,;.!?]+?)\s*[,;]\s+(?:the|my|our|his|her|their|he|she|they|it|we|i|me\s+and)\s(?:[\w'-]+\s){0,4}?"
     r"(?:was|were|had|has|said|is|are|closes|opens|shuts|ends|starts)\b.*?"
     r"(?=$|,?\s+(?:and|then)\s+(?:then\s+)?(?:tick|mark|cross|delete|remove|move|put|change|rename|start|switch)\b)",
     r"\1"),  # "add buy stamps; the post office closes at 5"
))


# Marks named by phrases no one types for their words: said by voice typing wherever they come.
_SPOKEN_PHRASES = ((re.compile(r"\s+full\s+stop\b\s*", re.IGNORECASE), ". "),
                   (re.compile(r"\s+question\s+mark\b\s*", re.IGNORECASE), "? "),
                   (re.compile(r"\s+exclamation\s+(?:mark|point)\b\s*", re.IGNORECASE), "! "),
                   (re.compile(r"\s+new\s+(?:line|paragraph)\b\s*", re.IGNORECASE), ". "))
# Marks named by words that are also things ("add comma splice lesson", "add period tracker"): read as marks
# only in a request typed without that mark, between words, and "period" only at its end.
_SPOKEN_WORDS = ((",", re.compile(r"(?<=\w)\s+comma\s+(?=\w)", re.IGNORECASE), ", "),
                 (":", re.compile(r"(?<=\w)\s+colon\s+(?=\w)", re.IGNORECASE), ": "),
                 (".", re.compile(r"(?<=\w)\s+period\s*$", re.IGNORECASE), "."))
# Words voice typing hears for others: "move worm Bess two the top", "four me", "write to the top".
_HEARD_AS = ((re.compile(r"\btwo\s+(?=(?:the|a|an|my|your|his|her|our|their|me|him|us|them|it|be|go|see|do|get|number|"
                         r"default|work|long)\b)", re.IGNORECASE), "to "),
             (re.compile(r"\bfour\s+(?=(?:me|you|us|him|her|them|the|a|an|my|what|today|tonight|now|tomorrow|"
                         r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)|\bfour(?=\s*(?:[,?]|$))", re.IGNORECASE), "for "),
             (re.compile(r"\bwrite\s+(?=to\s+the\s+(?:top|bottom|end)\b)", re.IGNORECASE), "right "),
             # "add by bread", "check off by bread": "buy" heard as "by" after the asking words; "add right thank
             # you cards": "write"; "diapers size for": a size or a number heard as "for".
             (re.compile(r"(?:(?<=\badd\s)|(?<=\bput\s)|(?<=\boff\s)|(?<=\btick\s)|(?<=\bcheck\s)|(?<=\bto\s))by\s+(?=[a-z])"
                         r"(?!(?:the|a|an|my|then|now|tomorrow|tonight|today|next|this|end|mistake|accident|error|hand|myself|itself|noon|"
                         r"midnight|lunch|close|eod|cob|phone|email|text|mail|post|car|bus|train|"
                         r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)", re.IGNORECASE), "buy "),
             (re.compile(r"(?<=\badd\s)right\s+(?!(?:now|away|here|there|after|before|on|at|to|up|back)\b)", re.IGNORECASE),
              "write "),
             (re.compile(r"(?<=\bsize\s)for\b(?=\s*(?:$|[,.!?]))", re.IGNORECASE), "4"),
             # "okay so uh ad call the shop", "the leak the cb antenna": "add" and "delete" as voice typing hears them.
             (re.compile(r"(?:^|(?<=\bso\s)|(?<=\buh\s)|(?<=\band\s)|(?<=\blemme\s)|(?<=\bplease\s))ad\s+(?=[a-z])",
                         re.IGNORECASE), "add "),
             (re.compile(r"(?:^|(?<=\bso\s)|(?<=\buh\s)|(?<=\bokay\s)|(?<=\bum\s))the\s+leak\s+(?=the\b)", re.IGNORECASE),
              "delete "),
             (re.compile(r"(?<=\s)(?<!one\s)(?<!two\s)(?<!six\s)(?<!ten\s)(?<!four\s)(?<!five\s)(?<!nine\s)(?<!three\s)"
                         r"(?<!seven\s)(?<!eight\s)(?<![\d]\s)two(?=\s*[.!]*$)", re.IGNORECASE), "too"))
# "change mow the lawn two mow the front lawn only": an edit with no "to" heard its "to" as "two".
_EDIT_HEARD = re.compile(r"^(?P<edit>(?:(?!\bto\b).)*?\b(?:change|rename|edit|update|amend)\b(?:(?!\bto\b).)*?)\stwo\s"
                         r"(?=(?:(?!\bto\b).)*$)", re.IGNORECASE)


# The marks East Asian keyboards type, as the plain ones: "King Jim。 please register them", 「reply to Kimura-san」.
_WIDE_MARKS = str.maketrans({"。": ". ", "、": ", ", "「": '"', "」": '"', "『": '"', "』": '"', "！": "!", "？": "?",
                             "：": ": ", "，": ", ", "；": "; ", "（": "(", "）": ")", "\u3000": " "})


_CODE_QUOTE = re.compile(r"(?<![\w`])`([^`\n]+)`(?![\w`])")  # "del `dry cleaning`": markdown's code marks quote
# "typo ㅋㅋ fix to centrifuge tubes", "we run out ㅠㅠ": a Korean keyboard's laughing and crying marks end a clause.
_KOREAN_FACES = re.compile(r"\s*(?<![^\W\d_])(?:ㅋ{2,}|ㅎ{2,}|ㅠ+|ㅜ+)(?![^\W\d_])\s*")
# "i did not call him actually 😅 mach it undone": a face between two words ends the clause before it, as a
# stop would; a thing's own picture ("buy 🥛 for the kids") is no face.
_FACE_BETWEEN = re.compile(r"(?<=[^\W\d_])\s+[\U0001F600-\U0001F64F\U0001F910-\U0001F92F\U0001F970-\U0001F97A"
                           r"\U0001F9D0\U0001FAE0-\U0001FAFF]+\ufe0f?\s+(?=[^\W\d_])")


def with_plain_marks(text: str) -> str:
    """"competitors are Kokuyo、Plus、King Jim。": full-width marks read as the marks they are; "`dry cleaning`"
    as a quote; "ㅋㅋ", "ㅠㅠ" and a face between words as the end of a clause."""
    plain = _CODE_QUOTE.sub(r'"\1"', text.translate(_WIDE_MARKS))
    plain = _KOREAN_FACES.sub(lambda m: ", " if m.end() < len(plain) and m.start() > 0 else " ", plain)
    plain = _FACE_BETWEEN.sub(", ", plain)
    return text if plain == text else re.sub(r"\s+([.,!?:;)])", r"\1", re.sub(r" {2,}", " ", plain)).strip()


# Speech's fillers: "Add um pick up Tyler's inhaler", "uh switch to work"; and a tag said at a clause's end:
# "make a new profile called farm eh", "ordered the baleage chur".
_FILLERS = re.compile(r"(?:(?<=\s)|^)(?:u+m+|u+h+|e+r+m+|h+m+)\b[,.]?\s*|[\s,]*\b(?:eh|chur)\b(?=\s*(?:[,.!?]|$))",
                      re.IGNORECASE)


# "… ice for the bar so", "… limes so, the young lads do be looking for them": Irish English's closing "so" is a
# tag, and a story after "so," another sentence. Not "I think so", "or so", "if so".
_CLOSING_SO = re.compile(r"(?<=\w)(?<!\bthink)(?<!\bhope)(?<!\bguess)(?<!\bdo)(?<!\bdid)(?<!\bif)(?<!\beven)(?<!\bnot)"
                         r"(?<!\bthat)(?<!\bwhy)(?<!\band)(?<!\bor)(?<!\bso)(?<!\bjust)(?<!\bever)(?<!\bmore)(?<!\bsay)"
                         r"(?<!\bsaid)(?<!\bbelieve)(?<!\bsuppose)(?<!\bseems)(?<!\bhow)(?<!\bquite)\s+so(?:(?=\s*[.!?]*$)|\s*,\s+(?=\w))",
                         re.IGNORECASE)


def with_spoken_marks(text: str) -> str:
    """"competitors are Zillow comma Redfin comma Compass", "add sow the broad beans new line", "add call the bank
    period": voice typing that spells the punctuation out, as the marks it names; and the words it hears for
    others ("two the top", "four me") as the ones said. "comma", "colon" and "period" are words in a request
    that types that mark itself."""
    for pattern, mark in _SPOKEN_PHRASES:
        text = pattern.sub(mark, text)
    for typed, pattern, mark in _SPOKEN_WORDS:
        if typed not in text:
            text = pattern.sub(mark, text)
    for pattern, meant in _HEARD_AS:
        text = pattern.sub(lambda m, meant=meant: meant.rstrip() if not m.group(0).endswith(" ") else meant, text)
    text = _EDIT_HEARD.sub(lambda m: f"{m.group('edit')} to ", text)
    text = _FILLERS.sub("", _CLOSING_SO.sub(lambda m: ". " if "," in m.group(0) else "", text))
    return re.sub(r"([.?!])(?:\s*[.?!])+", r"\1", text).strip()


def with_shorthand_said(text: str) -> str:
    """"+ milk", "x milk", "s/milk/oat milk/", "rm 3", "mv it @top", "@bottom: renew TLS cert": a terminal
    user's symbols, as the words they stand for ("add milk", "tick milk", "change 'milk' to 'oat milk'",
    "delete number 3", "mv it to the top", "move renew TLS cert to the bottom"), for every reader of the
    request, the learned models too."""
    text = _PLUS_ADDS.sub(lambda m: f"{m.group(1)}add ", text)
    text = _X_TICKS.sub(lambda m: f"{m.group(1)}tick ", text)
    text = _SUBSTITUTED.sub(r"change '\1' to '\2'", text)
    for pattern, said in _TERMINAL_WORDS:
        text = pattern.sub(said, text)
    text = _AT_PLACE_FIRST.sub(r"move \g<thing> to the \1", text)
    return _AT_PLACE.sub(lambda m: f"{m.group('arrow') or 'to '}the {m.group(2)}", text)


def as_plainly_typed(text: str) -> str:
    """`renew card` is 'renew card'; "change `milk` -> `oat milk`" is "change 'milk' to 'oat milk'", a
    label -> a value is "label: value" ("competitors -> A, B"), else "->" joins two parts; "take X off
    the list" is "remove X from the list"; "while you're at it" says nothing; dictated and
    second-language wordings (_SAID_OTHERWISE) are read as the plain request they stand for."""
    text = text.replace("`", "'")
    parts = _ARROW.split(text)
    typed = parts[0]
    for part in parts[1:]:
        clause = quoted_marks_shown(re.split(r"[,;.!?]|\bthen\b|\band\b", quoted_marks_hidden(typed))[-1])  # "'4.2 build'" whole
        if QUOTED_TEXT.fullmatch(clause.strip()) and QUOTED_TEXT.match(part):
            # "'patch db01' -> 'patch db01 + db02'": one quoted text becomes the other.
            typed = typed[: len(typed) - len(clause)] + f"{clause[: len(clause) - len(clause.lstrip())]}change " \
                f"{clause.strip()} to {part}"
        elif QUOTED_TEXT.match(part.strip()) and len(clause.split()) >= 3 and ":" not in clause and not _EDITING.search(clause):
            # 'the mom one -> "call Mom re Xmas"': the thing becomes the quoted text.
            typed = typed[: len(typed) - len(clause)] + f"{clause[: len(clause) - len(clause.lstrip())]}change " \
                f"{clause.strip()} to {part.strip()}"
        elif _A_PLACE.match(part) and not _edit_asked(clause) and clause.strip():
            # "call mum -> top", "last thing i added -> top pls": the thing moves to that place.
            typed = typed[: len(typed) - len(clause)] + f"{clause[: len(clause) - len(clause.lstrip())]}move " \
                f"{clause.strip()} to {part}"
        elif _EDITING.search(clause):
            typed += " to " + part
        elif 0 < len(clause.split()) <= 2:
            typed += ": " + part
        else:
            typed += ", " + part
    typed = _TAKE_OFF.sub(lambda m: f"remove {m.group(1)}" + (f" from {m.group('list')}" if m.group("list") else ""), typed)
    typed = _AT_IT.sub("", typed)
    typed = _TEXTING_AND_ACTION.sub(" and ", typed)
    for pattern, plain in _SAID_OTHERWISE:
        typed = pattern.sub(plain, typed)
    # "new profile homelab + switch to it": a "+" before an action joins two; "wash + fold laundry" is one thing.
    typed = _PLUS.sub(lambda m: " and " if stem(m.group(1).casefold()) in ALL_VERBS or m.group(1).casefold() in _STEP_WORDS
                      else m.group(0), typed)
    typed = _VERB_ON_IT.sub(lambda m: m.group(0) if m.group(1).lower() in _BEFORE_A_VERB else f"{m.group(1)}, ", typed)
    # "tick maths study n the english essay", "competitors r farmlands, ruralco n wrightsons": things a request
    # acts on or the competitors listed ("add ute wof n put it at the top": an "n" before an action word joins two, above).
    if (_ACTS_ON_LISTED.search(typed) and not _ADDS.search(typed)) or _LISTS_FOR_A_STEP.search(typed):
        typed = _TEXTING_AND.sub(" and ", typed)
    if NOT_DONE.search(typed.lower()):  # "call mum isnt actually done she didnt pick up put it back": the undoing
        typed = _PUT_BACK.sub("", typed)
    elif _TICKED_BY_MISTAKE.search(typed):  # "I ticked the water one off by mistake... put it back"
        typed = re.sub(r"\b(?:put|set)\s+(?:it|that)\s+back(?:\s+(?:the\s+way|as)\s+it\s+was)?(?!\s+(?:on|in|onto|into|to)\b)",
                       "untick it", typed, flags=re.IGNORECASE)
    return typed
