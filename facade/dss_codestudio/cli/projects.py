"""`dss-codestudio projects ...`: the projects code studios live in."""

from __future__ import annotations

from typing import Annotated

import typer

from dss_codestudio.models import ProjectListItem

from ._command import Cli, command

app = typer.Typer(help="Projects: list, create.", no_args_is_help=True)


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
