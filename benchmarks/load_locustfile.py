"""Locust users for benchmarks/load.py: applicants uploading small PDFs and photos, reloading pages.

Each simulated applicant logs in with its own account (load-N@example.com),
and every upload answered 2xx is written to LOAD_UPLOADED so the benchmark can
check afterwards that each one is listed.
"""

from __future__ import annotations

import io
import itertools
import os
import random
import re

from fpdf import FPDF
from locust import HttpUser, between, events, task
from PIL import Image

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ITEM = re.compile(r'data-item-code="(\w+)"[^>]*?data-item-id="(\d+)"', re.DOTALL)
ACCOUNTS = itertools.count()
UPLOADED: list[str] = []


def small_pdf() -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, f"Employment letter {random.random()}. " * 30)  # noqa: S311
    return bytes(pdf.output())


def photo() -> bytes:
    out = io.BytesIO()
    colour = tuple(random.randrange(256) for _ in range(3))  # noqa: S311
    Image.new("RGB", (600, 800), colour).save(out, "JPEG", quality=85)
    return out.getvalue()


class Applicant(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        n = next(ACCOUNTS)
        # Each family from its own address, through the proxy load.py configures.
        self.client.headers["X-Forwarded-For"] = f"198.51.100.{n + 1}"
        page = self.client.get("/login", name="/login").text
        form = {
            "csrf_token": CSRF.search(page).group(1),  # type: ignore[union-attr]
            "email": f"load-{n}@example.com",
            "password": "load-password-1",
        }
        self.client.post("/login", data=form, name="/login")
        self.reload()

    @task(3)
    def reload(self) -> None:
        page = self.client.get("/cases", name="/cases/<id>").text
        self.token = CSRF.search(page).group(1)  # type: ignore[union-attr]
        self.items = dict(ITEM.findall(page))

    @task(1)
    def upload_pdf(self) -> None:
        self._upload("A4", small_pdf(), "letter.pdf")

    @task(1)
    def upload_photo(self) -> None:
        self._upload("A1", photo(), "photo.jpg")

    def _upload(self, code: str, data: bytes, name: str) -> None:
        with self.client.post(
            f"/items/{self.items[code]}/documents",
            data={"csrf_token": self.token},
            files={"file": (name, data)},
            headers={"Accept": "application/json"},
            name="/items/<id>/documents",
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                UPLOADED.extend(str(d["id"]) for d in response.json()["documents"])
                response.success()


@events.test_stop.add_listener  # type: ignore[untyped-decorator]  # locust is untyped
def _write_uploaded(**_kwargs: object) -> None:
    with open(os.environ["LOAD_UPLOADED"], "w", encoding="utf-8") as out:  # noqa: PTH123
        out.write("\n".join(UPLOADED))
