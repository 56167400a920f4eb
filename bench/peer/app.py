"""The peer baseline: the stack the public implementations of this project's brief use (FastAPI
under uvicorn, SQLAlchemy with psycopg2, pydantic response models, sync handlers on the thread
pool), serving the three benchmarked routes with the same SQL and the same token lookup as
bench/baseline-server.ts. Debian packages only (see .ci/setup.d/50-bench.sh).

    DATABASE_URL=postgresql://... python3 -m uvicorn app:app --app-dir bench/peer --port 9001
"""

import base64
import json
import os
from datetime import datetime, timezone
from typing import List, Optional
from urllib.parse import unquote

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel
from sqlalchemy import create_engine, text

engine = create_engine(
    os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg2://", 1),
    pool_size=10,
    max_overflow=0,
)
app = FastAPI()

TASK_COLUMNS = (
    "id, user_id, title, description, completed, priority, due_date, tags, created_at, "
    "updated_at, completed_at"
)
SESSION_BY_TOKEN = text(
    "SELECT id, expires_at, token, created_at, updated_at, ip_address, user_agent, user_id "
    "FROM session WHERE token = :token LIMIT 1"
)
USER_BY_ID = text(
    'SELECT id, name, email, email_verified, image, created_at, updated_at FROM "user" '
    "WHERE id = :id LIMIT 1"
)
FIRST_PAGE = text(
    f"SELECT {TASK_COLUMNS}, (created_at)::text AS key FROM tasks WHERE user_id = :user_id "
    "ORDER BY created_at desc, id desc LIMIT :limit"
)
TOTAL = text("SELECT coalesce(sum(n), 0)::int AS total FROM task_counts WHERE user_id = :user_id")
INSERT_TASK = text(
    "INSERT INTO tasks (user_id, title, description, priority, due_date, tags) "
    f"VALUES (:user_id, :title, null, 'medium', null, '{{}}') RETURNING {TASK_COLUMNS}"
)


class User(BaseModel):
    id: str
    name: str
    email: str
    emailVerified: bool
    image: Optional[str]
    createdAt: datetime
    updatedAt: datetime


class Session(BaseModel):
    id: str
    expiresAt: datetime
    token: str
    createdAt: datetime
    updatedAt: datetime
    ipAddress: Optional[str]
    userAgent: Optional[str]
    userId: str


class SessionWithUser(BaseModel):
    session: Session
    user: User


class Task(BaseModel):
    id: int
    title: str
    description: Optional[str]
    completed: bool
    priority: str
    due_date: Optional[datetime]
    tags: List[str]
    created_at: datetime
    updated_at: datetime
    completed_at: Optional[datetime]


class TaskPage(BaseModel):
    items: List[Task]
    total: int
    next_cursor: Optional[str]


class NewTask(BaseModel):
    title: str


def task_of(row) -> Task:
    return Task(
        id=row.id,
        title=row.title,
        description=row.description,
        completed=row.completed,
        priority=row.priority,
        due_date=row.due_date,
        tags=row.tags,
        created_at=row.created_at,
        updated_at=row.updated_at,
        completed_at=row.completed_at,
    )


def authenticate(authorization: str = Header(default="")) -> SessionWithUser:
    """Better Auth's lookup: the session by token (unexpired), then its user."""
    if not authorization.startswith("Bearer "):
        raise HTTPException(status_code=401, detail="Sign in")
    token = unquote(authorization[len("Bearer ") :]).split(".")[0]
    with engine.connect() as connection:
        session = connection.execute(SESSION_BY_TOKEN, {"token": token}).first()
        if session is None or session.expires_at < datetime.now(timezone.utc):
            raise HTTPException(status_code=401, detail="Sign in")
        user = connection.execute(USER_BY_ID, {"id": session.user_id}).first()
    if user is None:
        raise HTTPException(status_code=401, detail="Sign in")
    return SessionWithUser(
        session=Session(
            id=session.id,
            expiresAt=session.expires_at,
            token=session.token,
            createdAt=session.created_at,
            updatedAt=session.updated_at,
            ipAddress=session.ip_address,
            userAgent=session.user_agent,
            userId=session.user_id,
        ),
        user=User(
            id=user.id,
            name=user.name,
            email=user.email,
            emailVerified=user.email_verified,
            image=user.image,
            createdAt=user.created_at,
            updatedAt=user.updated_at,
        ),
    )


@app.get("/api/auth/get-session", response_model=SessionWithUser)
def get_session(auth: SessionWithUser = Depends(authenticate)):
    return auth


@app.get("/api/v1/tasks", response_model=TaskPage)
def list_tasks(limit: int = 20, auth: SessionWithUser = Depends(authenticate)):
    limit = max(1, min(limit, 100))
    with engine.connect() as connection:
        rows = connection.execute(FIRST_PAGE, {"user_id": auth.user.id, "limit": limit + 1}).all()
        total = connection.execute(TOTAL, {"user_id": auth.user.id}).scalar_one()
    items = rows[:limit]
    next_cursor = None
    if len(rows) > limit and items:
        last = items[-1]
        key = json.dumps([last.key, last.id], separators=(",", ":")).encode()
        next_cursor = base64.urlsafe_b64encode(key).decode().rstrip("=")
    return TaskPage(items=[task_of(row) for row in items], total=total, next_cursor=next_cursor)


@app.post("/api/v1/tasks", response_model=Task, status_code=201)
def create_task(body: NewTask, auth: SessionWithUser = Depends(authenticate)):
    title = body.title.strip()
    if not title:
        raise HTTPException(status_code=400, detail="title")
    with engine.begin() as connection:
        row = connection.execute(INSERT_TASK, {"user_id": auth.user.id, "title": title}).one()
    return task_of(row)
