"""The only service module that speaks RQ: enqueue analyses by job *name*, read them back."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from redis import Redis
from rq import Queue, Retry
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.results import Result
from rq.worker import Worker

JOB_NAME = "worker.jobs.analyze_comment"
BATCH_KEY = "ecoute:batch:{}"

_STATUS = {
    JobStatus.QUEUED: "queued", JobStatus.DEFERRED: "queued", JobStatus.SCHEDULED: "queued",
    JobStatus.STARTED: "running", JobStatus.FINISHED: "succeeded", JobStatus.FAILED: "failed",
    JobStatus.STOPPED: "failed", JobStatus.CANCELED: "failed",
}


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _error_line(exc_string: str | None) -> str:
    """The last meaningful line of a traceback: 'ValueError: ...', never the traceback itself."""
    lines = [line.strip() for line in (exc_string or "").strip().splitlines() if line.strip()]
    return (lines[-1] if lines else "The analysis failed.")[:500]


@dataclass(frozen=True)
class QueueAccess:
    """Enqueue and read analyses on one Redis connection and one queue."""

    connection: Redis
    queue_name: str
    result_ttl: int
    job_timeout: int
    retry_intervals: tuple[int, ...] = (5, 30)

    @property
    def queue(self) -> Queue:
        return Queue(self.queue_name, connection=self.connection)

    def _prepare(self, queue: Queue, comment: dict[str, Any], batch_id: str | None) -> Any:
        return Queue.prepare_data(
            JOB_NAME, args=(comment,), job_id=str(uuid.uuid4()),
            timeout=self.job_timeout, result_ttl=self.result_ttl, failure_ttl=self.result_ttl,
            ttl=self.result_ttl, retry=Retry(max=2, interval=list(self.retry_intervals) or 0),
            meta={"external_id": comment.get("external_id"), "metadata": comment.get("metadata"),
                  "batch_id": batch_id},
            description="analysis",
        )

    def enqueue_analysis(self, comment: dict[str, Any]) -> Job:
        queue = self.queue
        return queue.enqueue_many([self._prepare(queue, comment, None)])[0]

    def enqueue_batch(self, comments: list[dict[str, Any]]) -> tuple[str, datetime, list[Job]]:
        queue = self.queue
        batch_id = str(uuid.uuid4())
        created = datetime.now(timezone.utc)
        datas = [self._prepare(queue, comment, batch_id) for comment in comments]
        with self.connection.pipeline() as pipe:
            jobs = queue.enqueue_many(datas, pipeline=pipe)
            record = {"id": batch_id, "created_at": iso(created), "ids": [job.id for job in jobs]}
            pipe.set(BATCH_KEY.format(batch_id), json.dumps(record), ex=self.result_ttl)
            pipe.execute()
        return batch_id, created, jobs

    def fetch(self, analysis_id: str) -> Job | None:
        try:
            job = Job.fetch(analysis_id, connection=self.connection)
        except NoSuchJobError:
            return None
        return job if job.func_name == JOB_NAME else None

    def fetch_batch(self, batch_id: str) -> tuple[dict[str, Any], list[Job | None]] | None:
        raw = self.connection.get(BATCH_KEY.format(batch_id))
        if raw is None:
            return None
        record = json.loads(raw)
        jobs = Job.fetch_many(record["ids"], connection=self.connection)
        return record, jobs

    def wait(self, job: Job, seconds: float) -> None:
        """Block until the job has a result or `seconds` pass (rq wants whole seconds)."""
        timeout = int(seconds) if seconds == int(seconds) else int(seconds) + 1
        if timeout > 0:
            job.latest_result(timeout=timeout)

    def worker_count(self) -> int:
        return Worker.count(connection=self.connection, queue=self.queue)

    def describe(self, job: Job) -> dict[str, Any]:
        """The public view of one analysis."""
        status = _STATUS.get(job.get_status(refresh=True) or JobStatus.QUEUED, "queued")
        meta = job.get_meta(refresh=False) or {}
        body: dict[str, Any] = {
            "id": job.id, "status": status, "created_at": iso(job.created_at), "finished_at": None,
            "external_id": meta.get("external_id"), "metadata": meta.get("metadata"),
            "result": None, "error": None,
        }
        if status in ("succeeded", "failed"):
            latest = job.latest_result()
            if latest is not None:
                body["finished_at"] = iso(latest.created_at)
                if latest.type == Result.Type.SUCCESSFUL:
                    body["status"] = "succeeded"
                    body["result"] = latest.return_value
                else:
                    body["status"] = "failed"
                    body["error"] = {"type": "analysis_failed", "message": _error_line(latest.exc_string)}
            else:
                body["finished_at"] = iso(job.ended_at)
                if status == "failed":
                    body["error"] = {"type": "analysis_failed", "message": "The analysis failed."}
        return body
