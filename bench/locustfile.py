"""A Locust user that streams chat completions with requests (stream=True) and parses every SSE
event, for the side-by-side benchmark (docs/benchmarks.md, "Side by side"). Uses only Debian's
python3-locust. One JSON line per request goes to the file named by RIGHTSIZE_BENCH_RECORDS.

Run: locust -f bench/locustfile.py --headless -u N -r N -t 50s --host http://127.0.0.1:PORT
(the harness sets RIGHTSIZE_BENCH_PATH, the chat completions path, and the records file).

Times: the wall clock (time.time_ns) just before the request is handed to Locust's client, and
CLOCK_MONOTONIC deltas from there to the first content event and to the end.
"""
import json
import os
import random
import time
import uuid

from locust import HttpUser, constant, events, task

PATH = os.environ.get("RIGHTSIZE_BENCH_PATH", "/openai/deployments/bench/chat/completions?api-version=2024-10-21")
RECORDS = open(os.environ.get("RIGHTSIZE_BENCH_RECORDS", "locust-records.jsonl"), "w", buffering=1 << 16)
PROMPT = " ".join("word%d" % (i % 50) for i in range(100))


class StreamingChatUser(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.rng = random.Random(id(self))

    @task
    def chat(self):
        request_id = str(uuid.uuid4())
        body = {"messages": [{"role": "user", "content": PROMPT}],
                "max_tokens": self.rng.randint(40, 200),
                "stream": True, "stream_options": {"include_usage": True}}
        first = None
        status = "connection_lost"
        start_wall = time.time_ns()
        start = time.monotonic_ns()
        try:
            with self.client.post(PATH, json=body, headers={"x-ms-client-request-id": request_id},
                                  stream=True, name="chat", catch_response=True) as resp:
                if resp.status_code != 200:
                    status = "http_%d" % resp.status_code
                    resp.failure(status)
                else:
                    for line in resp.iter_lines(chunk_size=None):
                        if not line.startswith(b"data:"):
                            continue
                        data = line[5:].strip()
                        if data == b"[DONE]":
                            status = "ok"
                            break
                        event = json.loads(data)
                        choices = event.get("choices") or []
                        if first is None and choices and (choices[0].get("delta") or {}).get("content"):
                            first = time.monotonic_ns()
                    resp.success()
        except Exception as e:  # a Locust task must not die on one bad request
            status = "error: " + type(e).__name__
        end = time.monotonic_ns()
        RECORDS.write(json.dumps({
            "request_id": request_id,
            "start_epoch_micros": start_wall // 1000,
            "ttft_ms": None if first is None else (first - start) / 1e6,
            "e2e_ms": (end - start) / 1e6,
            "status": status}) + "\n")


@events.quitting.add_listener
def _flush_records(environment, **kwargs):
    RECORDS.close()
