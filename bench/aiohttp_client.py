#!/usr/bin/env python3
"""A streaming chat-completion load generator in the style of vLLM's and Azure's benchmark clients:
N asyncio tasks on one aiohttp session, each sending requests back to back and parsing every SSE
event with json.loads. One JSON line per request goes to --records, for the side-by-side
benchmark (docs/benchmarks.md, "Side by side"). Uses only Debian's python3-aiohttp.

Times: the wall clock (time.time_ns) just before the request is handed to aiohttp, and
CLOCK_MONOTONIC deltas from there to the first content event and to the end.
"""
import argparse
import asyncio
import json
import random
import time
import uuid

import aiohttp


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--url", required=True, help="chat completions URL")
    p.add_argument("--users", type=int, required=True, help="concurrent streams")
    p.add_argument("--seconds", type=float, required=True, help="no request starts after this")
    p.add_argument("--records", required=True, help="JSON-lines file to write")
    p.add_argument("--prompt-words", type=int, default=100)
    p.add_argument("--min-tokens", type=int, default=40)
    p.add_argument("--max-tokens", type=int, default=200)
    p.add_argument("--seed", type=int, default=42)
    return p.parse_args()


async def user(session, args, rng, prompt, deadline, out):
    while time.monotonic() < deadline:
        request_id = str(uuid.uuid4())
        body = {"messages": [{"role": "user", "content": prompt}],
                "max_tokens": rng.randint(args.min_tokens, args.max_tokens),
                "stream": True, "stream_options": {"include_usage": True}}
        first = None
        status = "connection_lost"
        start_wall = time.time_ns()
        start = time.monotonic_ns()
        try:
            async with session.post(args.url, json=body, headers={"x-ms-client-request-id": request_id}) as resp:
                if resp.status != 200:
                    await resp.read()
                    status = "http_%d" % resp.status
                else:
                    async for line in resp.content:
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
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as e:
            status = "error: " + type(e).__name__
        end = time.monotonic_ns()
        out.write(json.dumps({
            "request_id": request_id,
            "start_epoch_micros": start_wall // 1000,
            "ttft_ms": None if first is None else (first - start) / 1e6,
            "e2e_ms": (end - start) / 1e6,
            "status": status}) + "\n")


async def main():
    args = parse_args()
    prompt = " ".join("word%d" % (i % 50) for i in range(args.prompt_words))
    # No connection limit: aiohttp's default of 100 would silently cap the concurrency.
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=120)
    deadline = time.monotonic() + args.seconds
    with open(args.records, "w", buffering=1 << 16) as out:
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            await asyncio.gather(*(user(session, args, random.Random(args.seed + k), prompt, deadline, out)
                                   for k in range(args.users)))


if __name__ == "__main__":
    asyncio.run(main())
