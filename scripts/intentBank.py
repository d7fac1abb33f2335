# Rebuilds assets/intents/intent-phrasings.jsonl from the phrasing banks written from the policy
# (commands: {"text","intent"}; questions: {"question"} → intent "question"). Phrasings the issue
# uses as test examples are left out, so the tests measure wording the model never saw.
import json, re, sys
src = sys.argv[1] if len(sys.argv) > 1 else "/work/notes/qa-bank"
norm = lambda s: " ".join(re.sub(r"[^a-z0-9]+", " ", s.lower().replace("\u2019", "'").replace("'", "")).split())
held_out = [norm(s) for s in [
    "I want to report something", "can I make a confidential report", "new school post please",
    "show me the policy", "a journalist from the local paper just rang me", "hi"]]
rows, seen = [], set()
def add(text, intent):
    n = norm(text)
    if not n or n in seen or any(h == n or (len(h) > 3 and h in n) for h in held_out):
        return
    seen.add(n)
    rows.append({"text": text, "intent": intent})
for l in open(f"{src}/intents.jsonl", encoding="utf-8"):
    if l.strip():
        d = json.loads(l); add(d["text"], d["intent"])
for f in ["policy-questions.jsonl", "out-of-scope.jsonl"]:
    for l in open(f"{src}/{f}", encoding="utf-8"):
        if l.strip():
            add(json.loads(l)["question"], "question")
with open("assets/intents/intent-phrasings.jsonl", "w", encoding="utf-8") as out:
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows), "lines")
