"""`dss-codestudio projects ...`: the projects code studios live in."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from dss_codestudio.models import ProjectListItem

from ._command import Cli, command

app = typer.Typer(help="Projects: list, show, create.", no_args_is_help=True)


@command(app, "list")
def list_projects(cli: Cli) -> None:
    """List the projects you can see."""
    projects = cli.client().list_projects()
    cli.emit(
        list(projects),
        lambda: cli.table(
            ["KEY", "NAME", "OWNER"],
            [[p.project_key, p.name or "", p.owner or ""] for p in map(ProjectListItem.from_dict, projects)],
            title="Projects",
        ),
    )


@command(app, "show")
def show(
    cli: Cli,
    key: Annotated[str, typer.Argument(metavar="KEY", help="The key of the project.")],
) -> None:
    """Show a project: its summary, and its metadata (tags, descriptions)."""
    project = cli.client().get_project(key)
    summary = project.get_summary()
    metadata = project.get_metadata()
    cli.emit(
        {"summary": summary.get_raw(), "metadata": metadata},
        lambda: cli.table(
            ["FIELD", "VALUE"],
            [
                ["key", summary.project_key],
                ["name", summary.name],
                ["owner", summary.owner or ""],
                ["status", summary.project_status or ""],
                ["tags", ", ".join(summary.tags)],
                ["description", summary.short_desc or summary.description or ""],
                ["last modified", _changed(summary.last_modified_on, summary.last_modified_by)],
                ["created", summary.created_on.isoformat(timespec="seconds") if summary.created_on else ""],
            ],
            title=f"Project {summary.project_key}",
        ),
    )


def _changed(when: datetime | None, who: str | None) -> str:
    if when is None:
        return ""
    return when.isoformat(timespec="seconds") + (f" by {who}" if who else "")


@command(app, "create")
def create(
    cli: Cli,
    key: Annotated[str, typer.Argument(metavar="KEY", help="The key of the new project (unique, e.g. MYPROJ).")],
    owner: Annotated[str, typer.Option("--owner", help="The login of the project's owner.")],
    name: Annotated[str | None, typer.Option("--name", help="The project's name [default: KEY].")] = None,
    description: Annotated[str | None, typer.Option("--description", help="What the project is for.")] = None,
) -> None:
    """Create an empty project (administrators, or users who may create projects)."""
    cli.client().create_project(key, name or key, owner, description=description)
    cli.emit(
        {"projectKey": key, "name": name or key, "owner": owner},
        lambda: cli.out.print(key, markup=False),
    )
