#!/usr/bin/env python3
"""A Mesos executor over the v1 executor HTTP API, with nothing but Python's standard library.

The agent starts it in the sandbox with MESOS_* variables. It subscribes, runs each task it is given
(the task's `data` is a JSON job: {"word": ..., "seconds": ..., "crash": false}), sends its result to
the scheduler as a framework message, and reports TASK_RUNNING and TASK_FINISHED. Given a Marathon
app's task (Marathon's `executor` field; the data is the app definition) it runs the app's `cmd`. Every update is
kept until the agent acknowledges it; when the agent goes away (a restart) it subscribes again,
listing what was not acknowledged, as a checkpointing Mesos executor must.
"""
import base64
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import uuid

FRAMEWORK_ID = os.environ["MESOS_FRAMEWORK_ID"]
EXECUTOR_ID = os.environ["MESOS_EXECUTOR_ID"]
AGENT = os.environ["MESOS_AGENT_ENDPOINT"]
TOKEN = os.environ.get("MESOS_EXECUTOR_AUTHENTICATION_TOKEN", "")
CHECKPOINT = os.environ.get("MESOS_CHECKPOINT") == "1"


def seconds(duration):
    """A Mesos duration such as '5secs', '15mins' or '500ms', in seconds."""
    for unit, factor in (("ms", 0.001), ("secs", 1), ("mins", 60), ("hrs", 3600)):
        if duration.endswith(unit):
            return float(duration[: -len(unit)]) * factor
    return float(duration)


RECOVERY_TIMEOUT = seconds(os.environ.get("MESOS_RECOVERY_TIMEOUT", "15mins"))
BACKOFF_MAX = seconds(os.environ.get("MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs"))

lock = threading.Lock()
tasks = {}          # task id -> TaskInfo (JSON) launched and not ended
unacknowledged = {}  # uuid -> Call.Update (JSON) the agent has not acknowledged
cancelled = set()
shutting_down = threading.Event()


def log(*words):
    print(time.strftime("%H:%M:%S"), "executor", EXECUTOR_ID + ":", *words, file=sys.stderr, flush=True)


def call(body):
    """One call to the agent; the answer's status (0 when the agent cannot be reached)."""
    try:
        conn = http.client.HTTPConnection(AGENT, timeout=10)
        conn.request("POST", "/api/v1/executor", json.dumps(body), {
            "Content-Type": "application/json", "Authorization": "Bearer " + TOKEN})
        response = conn.getresponse()
        answer = response.read().decode()
        conn.close()
        if response.status >= 400:
            log("call", body["type"], "answered", response.status, answer)
        return response.status
    except OSError:
        return 0


def ids():
    return {"framework_id": {"value": FRAMEWORK_ID}, "executor_id": {"value": EXECUTOR_ID}}


def update(task_id, state, message=None):
    """Reports a task's state reliably: kept until ACKNOWLEDGED, resent on a new subscription."""
    status = {"task_id": {"value": task_id}, "state": state, "source": "SOURCE_EXECUTOR",
              "executor_id": {"value": EXECUTOR_ID}, "timestamp": time.time(),
              "uuid": base64.b64encode(uuid.uuid4().bytes).decode()}
    if message:
        status["message"] = message
    with lock:
        unacknowledged[status["uuid"]] = {"status": status}
        if state not in ("TASK_STARTING", "TASK_RUNNING", "TASK_KILLING"):
            tasks.pop(task_id, None)
    call(dict(ids(), type="UPDATE", update={"status": status}))


def message(payload):
    call(dict(ids(), type="MESSAGE", message={"data": base64.b64encode(json.dumps(payload).encode()).decode()}))


def run_command(task_id, command):
    """A Marathon app's task (Marathon sends the app definition as the data): runs its command."""
    process = subprocess.Popen(["/bin/sh", "-c", command])
    update(task_id, "TASK_RUNNING", "pid %d" % process.pid)
    while process.poll() is None:
        if task_id in cancelled:
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
            update(task_id, "TASK_KILLED", "killed by the scheduler")
            return
        time.sleep(0.05)
    if process.returncode == 0:
        update(task_id, "TASK_FINISHED", "command exited 0")
    else:
        update(task_id, "TASK_FAILED", "command exited %d" % process.returncode)


def run(task):
    task_id = task["task_id"]["value"]
    job = json.loads(base64.b64decode(task.get("data", "")) or b"{}")
    if "id" in job and "cmd" in job:
        run_command(task_id, job["cmd"])
        return
    update(task_id, "TASK_RUNNING", "working on " + repr(job.get("word")))
    deadline = time.time() + float(job.get("seconds", 0))
    while time.time() < deadline:
        if task_id in cancelled:
            update(task_id, "TASK_KILLED", "killed by the scheduler")
            return
        time.sleep(0.05)
    if job.get("crash"):
        log("crashing on purpose in task", task_id)
        os._exit(3)
    result = str(job.get("word", "")).upper()
    message({"task": task_id, "result": result})
    update(task_id, "TASK_FINISHED", "result " + result)


def launch(task):
    with lock:
        if task["task_id"]["value"] in tasks:
            return
        tasks[task["task_id"]["value"]] = task
    threading.Thread(target=run, args=(task,), daemon=True).start()


def handle(event):
    kind = event["type"]
    if kind == "SUBSCRIBED":
        log("subscribed to agent", event["subscribed"]["agent_info"]["id"]["value"])
    elif kind == "LAUNCH":
        launch(event["launch"]["task"])
    elif kind == "LAUNCH_GROUP":
        for task in event["launch_group"]["task_group"]["tasks"]:
            launch(task)
    elif kind == "KILL":
        cancelled.add(event["kill"]["task_id"]["value"])
    elif kind == "ACKNOWLEDGED":
        with lock:
            unacknowledged.pop(event["acknowledged"]["uuid"], None)
    elif kind == "MESSAGE":
        text = base64.b64decode(event["message"]["data"]).decode()
        message({"pong": text})
    elif kind == "SHUTDOWN":
        log("told to shut down")
        shutting_down.set()
    elif kind == "ERROR":
        log("error from the agent:", event["error"]["message"])


def subscribe_once():
    """Subscribes and reads events until the stream ends; False when the agent could not be reached."""
    with lock:
        body = dict(ids(), type="SUBSCRIBE", subscribe={
            "unacknowledged_tasks": [t for t in tasks.values()],
            "unacknowledged_updates": list(unacknowledged.values())})
    try:
        conn = http.client.HTTPConnection(AGENT, timeout=60)
        conn.request("POST", "/api/v1/executor", json.dumps(body), {
            "Content-Type": "application/json", "Accept": "application/json", "Authorization": "Bearer " + TOKEN})
        response = conn.getresponse()
    except OSError:
        return False
    if response.status != 200:
        log("SUBSCRIBE answered", response.status, response.read().decode())
        return False
    try:
        while not shutting_down.is_set():
            length = response.readline()
            if not length:
                break
            handle(json.loads(response.read(int(length))))
    except (OSError, ValueError, http.client.HTTPException):
        pass
    return True


def main():
    disconnected_since = None
    backoff = 0.1
    while not shutting_down.is_set():
        if subscribe_once():
            disconnected_since, backoff = None, 0.1
            continue
        # the agent is away (restarting): a checkpointing executor waits for it, up to the recovery timeout
        disconnected_since = disconnected_since or time.time()
        if not CHECKPOINT or time.time() - disconnected_since > RECOVERY_TIMEOUT:
            log("the agent did not come back; exiting")
            sys.exit(1)
        time.sleep(backoff)
        backoff = min(backoff * 2, BACKOFF_MAX)
    with lock:
        left = list(tasks)
    for task_id in left:
        update(task_id, "TASK_KILLED", "executor shut down")
    sys.exit(0)


if __name__ == "__main__":
    main()
