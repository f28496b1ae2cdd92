#!/usr/bin/env python3
"""A Mesos framework over the v1 scheduler HTTP API, with nothing but Python's standard library.

It fans words out as tasks to one executor of its own (executor.py, which it serves over HTTP for
the agent to fetch), acknowledges every update, pings the executor with a framework message, and
gathers each task's result from the executor's framework messages. It prints what it saw as JSON
lines and exits 0 once every task finished, every result and the executor's answer arrived.

    python3 examples/python/scheduler.py --master http://127.0.0.1:5050 --token-file /tmp/drover/token
"""
import argparse
import base64
import functools
import http.client
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
WORDS = ["mesos", "marathon", "drover", "vertx", "zookeeper", "agent", "offer", "executor"]
TASK = {"cpus": 0.1, "mem": 32.0}
EXECUTOR = {"cpus": 0.1, "mem": 64.0}


def say(**fields):
    print(json.dumps(fields), flush=True)


def resources(wanted):
    return [{"name": name, "type": "SCALAR", "scalar": {"value": value}} for name, value in wanted.items()]


def scalar(offer, name):
    return sum(r["scalar"]["value"] for r in offer.get("resources", []) if r["name"] == name and "scalar" in r)


def serve_executor():
    """Serves this directory (executor.py) on a free port, for the agent to fetch the executor from."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=HERE))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return "http://127.0.0.1:%d/executor.py" % server.server_address[1]


class Framework:
    def __init__(self, master, token, tasks, executor_url):
        self.master = urllib.parse.urlparse(master)
        self.auth = "Basic " + base64.b64encode(("drover:" + token).encode()).decode() if token else None
        self.words = [WORDS[i % len(WORDS)] for i in range(tasks)]
        self.executor_url = executor_url
        self.framework_id = None
        self.stream_id = None
        self.launched = False
        self.states = {}
        self.results = {}
        self.pong = None

    def headers(self, extra=None):
        headers = {"Content-Type": "application/json"}
        if self.auth:
            headers["Authorization"] = self.auth
        if self.stream_id:
            headers["Mesos-Stream-Id"] = self.stream_id
        headers.update(extra or {})
        return headers

    def call(self, body):
        body = dict(body, framework_id={"value": self.framework_id})
        conn = http.client.HTTPConnection(self.master.hostname, self.master.port, timeout=10)
        conn.request("POST", "/api/v1/scheduler", json.dumps(body), self.headers())
        response = conn.getresponse()
        answer = response.read().decode()
        conn.close()
        if response.status != 202:
            raise RuntimeError("%s answered %d: %s" % (body["type"], response.status, answer))

    def subscribe(self):
        body = {"type": "SUBSCRIBE", "subscribe": {"framework_info": {
            "user": "nobody", "name": "python-words", "failover_timeout": 60.0}}}
        conn = http.client.HTTPConnection(self.master.hostname, self.master.port, timeout=60)
        conn.request("POST", "/api/v1/scheduler", json.dumps(body), self.headers({"Accept": "application/json"}))
        response = conn.getresponse()
        if response.status == 307:
            # a standby master names the leader
            response.read()
            self.master = urllib.parse.urlparse("http:" + response.getheader("Location"))
            return self.subscribe()
        if response.status != 200:
            raise RuntimeError("SUBSCRIBE answered %d: %s" % (response.status, response.read().decode()))
        self.stream_id = response.getheader("Mesos-Stream-Id")
        return response

    def run(self, deadline):
        events = self.subscribe()
        while time.time() < deadline:
            length = events.readline()
            if not length:
                raise RuntimeError("the master closed the event stream")
            if self.handle(json.loads(events.read(int(length)))):
                self.call({"type": "TEARDOWN"})
                return True
        return False

    def handle(self, event):
        kind = event["type"]
        if kind == "SUBSCRIBED":
            self.framework_id = event["subscribed"]["framework_id"]["value"]
            say(event="subscribed", framework_id=self.framework_id)
        elif kind == "OFFERS":
            self.offers(event["offers"]["offers"])
        elif kind == "UPDATE":
            self.update(event["update"]["status"])
        elif kind == "MESSAGE":
            self.message(event["message"])
        elif kind == "ERROR":
            raise RuntimeError("the master dropped the framework: " + event["error"]["message"])
        done = len(self.results) == len(self.words) and self.pong is not None and all(
            self.states.get("word-%d" % i) == "TASK_FINISHED" for i in range(len(self.words)))
        if done:
            say(event="done", results=self.results, pong=self.pong)
        return done

    def offers(self, offers):
        need_cpus = EXECUTOR["cpus"] + TASK["cpus"] * len(self.words)
        need_mem = EXECUTOR["mem"] + TASK["mem"] * len(self.words)
        for offer in offers:
            if not self.launched and scalar(offer, "cpus") >= need_cpus and scalar(offer, "mem") >= need_mem:
                self.launched = True
                self.accept(offer)
            else:
                self.call({"type": "DECLINE", "decline": {"offer_ids": [offer["id"]],
                                                          "filters": {"refuse_seconds": 60}}})

    def accept(self, offer):
        executor = {"executor_id": {"value": "words-executor"}, "type": "CUSTOM", "name": "words executor",
                    "command": {"value": "python3 executor.py", "shell": True,
                                "uris": [{"value": self.executor_url, "extract": False}]},
                    "resources": resources(EXECUTOR)}
        tasks = [{"name": "word %d" % i, "task_id": {"value": "word-%d" % i}, "agent_id": offer["agent_id"],
                  "executor": executor, "resources": resources(TASK),
                  "data": base64.b64encode(json.dumps({"word": word, "seconds": 1}).encode()).decode()}
                 for i, word in enumerate(self.words)]
        self.call({"type": "ACCEPT", "accept": {"offer_ids": [offer["id"]], "operations": [
            {"type": "LAUNCH", "launch": {"task_infos": tasks}}]}})
        say(event="launched", tasks=len(tasks), agent_id=offer["agent_id"]["value"])

    def update(self, status):
        task_id, state = status["task_id"]["value"], status["state"]
        first_running = state == "TASK_RUNNING" and not any(s == "TASK_RUNNING" for s in self.states.values())
        self.states[task_id] = state
        say(event="update", task=task_id, state=state, message=status.get("message", ""))
        if "uuid" in status:
            self.call({"type": "ACKNOWLEDGE", "acknowledge": {
                "agent_id": status["agent_id"], "task_id": status["task_id"], "uuid": status["uuid"]}})
        if state in ("TASK_FAILED", "TASK_LOST", "TASK_ERROR", "TASK_DROPPED", "TASK_GONE", "TASK_KILLED"):
            raise RuntimeError("task %s ended %s: %s" % (task_id, state, status.get("message", "")))
        if first_running:
            self.call({"type": "MESSAGE", "message": {
                "agent_id": status["agent_id"], "executor_id": {"value": "words-executor"},
                "data": base64.b64encode(b"ping").decode()}})

    def message(self, message):
        payload = json.loads(base64.b64decode(message["data"]))
        if "pong" in payload:
            self.pong = payload["pong"]
            say(event="message", pong=self.pong)
        else:
            self.results[payload["task"]] = payload["result"]
            say(event="message", task=payload["task"], result=payload["result"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--master", default="http://127.0.0.1:5050")
    parser.add_argument("--token-file", default="/tmp/drover/token")
    parser.add_argument("--tasks", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    token = os.environ.get("DROVER_TOKEN")
    if not token and os.path.exists(args.token_file):
        with open(args.token_file) as file:
            token = file.read().strip()
    framework = Framework(args.master, token, args.tasks, serve_executor())
    try:
        finished = framework.run(time.time() + args.timeout)
    except RuntimeError as failure:
        say(event="failed", reason=str(failure))
        sys.exit(2)
    if not finished:
        say(event="failed", reason="not done within %s s" % args.timeout)
        sys.exit(1)


if __name__ == "__main__":
    main()
