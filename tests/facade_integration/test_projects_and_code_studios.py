"""Projects and code studio objects through the facade, sync and async, against the reference server.

Only what the server implements today is driven here: creating, listing, reading, giving away and
deleting studios. Running them is in test_lifecycle.py.
"""

from __future__ import annotations

from typing import Any

import dss_codestudio as dss
import pytest

from tests.support.api import unique
from tests.support.facade_clients import resolve
from tests.support.live_facade import Live

pytestmark = pytest.mark.anyio


async def test_create_list_and_delete_projects(live: Live, client: Any) -> None:
    key = unique("PROJ_")
    project = await resolve(
        client.create_project(
            key,
            "A project",
            "admin",
            description="Described ✓",
            settings={"someSetting": {"nested": [1]}},
            permissions=[{"group": "data", "readProjectContent": True}],
            tags=["t1", "t2"],
        )
    )
    expected = dss.AsyncDSSProject if live.kind == "async" else dss.DSSProject
    assert isinstance(project, expected)
    assert project.project_key == key
    assert key in await resolve(client.list_project_keys())
    [listed] = [p for p in await resolve(client.list_projects()) if p["projectKey"] == key]
    assert listed["name"] == "A project"
    assert listed["owner"] == "admin"
    assert listed["shortDesc"] == "Described ✓"
    assert listed["tags"] == ["t1", "t2"]
    assert "projectLocation" not in listed
    [located] = [p for p in await resolve(client.list_projects(include_location=True)) if p["projectKey"] == key]
    assert located["projectLocation"].endswith(key)

    messages = await resolve((await resolve(project.delete())).get_result())
    assert key not in await resolve(client.list_project_keys())
    assert messages.messages[-1].code == "PROJECT_DELETED"
    with pytest.raises(dss.NotFoundError):
        await resolve(project.list_code_studios())
    with pytest.raises(dss.NotFoundError):
        await resolve(project.delete())


async def test_project_deletion_waited_for_or_as_a_future(live: Live, client: Any) -> None:
    waited = await live.new_project()
    future = await resolve(waited.delete())
    assert future.job_id is None  # DSS deleted it before answering
    messages = await resolve(future.wait_for_result(timeout=10))
    assert isinstance(messages, dss.DSSInfoMessages)
    assert messages.has_success
    assert not messages.has_error

    later = await live.new_project()
    await resolve(later.create_code_studio("doomed", "python-workspace"))
    future = await resolve(later.delete(wait=False, clear_managed_datasets=True))
    assert future.job_id
    messages = await resolve(future.wait_for_result(timeout=10))
    assert [m.code for m in messages.messages] == ["PROJECT_STUDIOS_DELETED", "PROJECT_DELETED"]
    assert later.project_key not in await resolve(client.list_project_keys())


async def test_invalid_and_duplicate_projects_are_refused(live: Live, client: Any) -> None:
    project = await live.new_project()
    with pytest.raises(dss.ConflictError) as duplicate:
        await resolve(client.create_project(project.project_key, "Again", "admin"))
    assert duplicate.value.status == 409
    assert "already exists" in duplicate.value.message
    with pytest.raises(dss.BadRequestError) as invalid:
        await resolve(client.create_project("not a key!", "Bad", "admin"))
    assert invalid.value.status == 400
    assert invalid.value.method == "POST"
    assert invalid.value.url is not None
    assert invalid.value.url.endswith("/dip/publicapi/projects/")
    with pytest.raises(dss.NotFoundError, match="User does not exist"):
        await resolve(client.create_project(unique("P"), "Orphan", "nobody-" + unique("x")))
    with pytest.raises(dss.NotFoundError):
        await resolve(client.create_project(unique("P"), "Lost", "admin", project_folder_id="noSuchFolder"))


async def test_code_studios_create_list_read_and_delete(live: Live, client: Any) -> None:
    project = await live.new_project()
    template = await live.new_template()
    settings = await resolve(template.get_settings())
    settings.get_raw()["shortDesc"] = "A short description"
    await resolve(settings.save())
    assert await resolve(project.list_code_studios()) == []

    first = await resolve(project.create_code_studio("First ✓", template.template_id))
    second = await resolve(project.create_code_studio("Second", "python-workspace"))
    assert len(first.code_studio_id) == 7
    assert first.code_studio_id.isalnum()
    assert first.project_key == project.project_key

    items = await resolve(project.list_code_studios())
    assert [(i.id, i.name, i.owner, i.template_id) for i in items] == [
        (first.code_studio_id, "First ✓", "admin", template.template_id),
        (second.code_studio_id, "Second", "admin", "python-workspace"),
    ]
    assert items[0].template_label == (await resolve(template.get_settings())).label
    assert items[0].template_description == "A short description"
    assert items[1].template_label == "Python workspace"
    handle = items[0].to_code_studio()
    assert (handle.project_key, handle.code_studio_id) == (project.project_key, first.code_studio_id)

    objects = await resolve(project.list_code_studios(as_type="objects"))
    expected = dss.AsyncDSSCodeStudioObject if live.kind == "async" else dss.DSSCodeStudioObject
    assert all(isinstance(o, expected) for o in objects)
    assert [o.code_studio_id for o in objects] == [first.code_studio_id, second.code_studio_id]
    with pytest.raises(ValueError, match="as_type"):
        await resolve(project.list_code_studios(as_type="names"))

    read = await resolve(project.get_code_studio(first.code_studio_id).get_settings())
    assert isinstance(read, dss.DSSCodeStudioObjectSettings)
    assert (read.id, read.name, read.owner, read.template_id) == (
        first.code_studio_id,
        "First ✓",
        "admin",
        template.template_id,
    )
    assert read.lib_name == first.code_studio_id
    assert read.tags == []
    assert read["owner"] == "admin"  # dataikuapi's dict access
    assert read.get_raw()["versionTag"]["lastModifiedBy"] == {"login": "admin"}  # fields beyond the typed ones

    assert await resolve(first.delete()) is None
    assert [i.id for i in await resolve(project.list_code_studios())] == [second.code_studio_id]
    with pytest.raises(dss.NotFoundError):
        await resolve(first.get_settings())
    with pytest.raises(dss.NotFoundError):
        await resolve(first.delete())


async def test_creating_a_studio_from_a_missing_template_or_with_a_blank_name(live: Live) -> None:
    project = await live.new_project()
    with pytest.raises(dss.NotFoundError):
        await resolve(project.create_code_studio("x", "no-such-template"))
    with pytest.raises(dss.BadRequestError):
        await resolve(project.create_code_studio("   ", "python-workspace"))
    assert await resolve(project.list_code_studios()) == []


async def test_change_owner(live: Live, client: Any) -> None:
    alice, alice_key = live.add_user("alice", may_create_projects=True)
    bob, _ = live.add_user("bob")
    project = await live.new_project(permissions=[{"user": alice, "writeProjectContent": True}])
    studio = await resolve(project.create_code_studio("Shared", "python-workspace"))

    settings = await resolve(studio.change_owner(alice))
    assert isinstance(settings, dss.DSSCodeStudioObjectSettings)
    assert settings.owner == alice
    assert (await resolve(studio.get_settings())).owner == alice
    assert [i.owner for i in await resolve(project.list_code_studios())] == [alice]

    # The owner may give it away; someone who is neither owner nor administrator may not.
    as_alice = live.client(alice_key).get_project(project.project_key).get_code_studio(studio.code_studio_id)
    assert (await resolve(as_alice.change_owner(bob))).owner == bob
    with pytest.raises(dss.PermissionDeniedError) as denied:
        await resolve(as_alice.change_owner(alice))
    assert denied.value.status == 403
    with pytest.raises(dss.NotFoundError, match="User does not exist"):
        await resolve(studio.change_owner("nobody-" + unique("x").lower()))
    with pytest.raises(dss.BadRequestError):
        await resolve(studio.change_owner(""))


async def test_a_login_with_a_plus_reaches_the_server_intact(live: Live) -> None:
    created = live.server.instance.users.add_user(f"ops+{unique('u').lower()}@example.com")
    project = await live.new_project()
    studio = await resolve(project.create_code_studio("Plus", "python-workspace"))
    assert (await resolve(studio.change_owner(created.login))).owner == created.login


async def test_project_visibility_for_other_users(live: Live) -> None:
    reader, reader_key = live.add_user("reader")
    stranger, stranger_key = live.add_user("stranger")
    project = await live.new_project(permissions=[{"user": reader, "readProjectContent": True}])
    studio = await resolve(project.create_code_studio("Visible", "python-workspace"))

    as_reader = live.client(reader_key).get_project(project.project_key)
    assert [i.id for i in await resolve(as_reader.list_code_studios())] == [studio.code_studio_id]
    assert project.project_key in await resolve(live.client(reader_key).list_project_keys())
    with pytest.raises(dss.PermissionDeniedError):
        await resolve(as_reader.create_code_studio("Mine", "python-workspace"))
    with pytest.raises(dss.PermissionDeniedError):
        await resolve(as_reader.get_code_studio(studio.code_studio_id).delete())
    with pytest.raises(dss.PermissionDeniedError):
        await resolve(as_reader.delete())

    stranger_client = live.client(stranger_key)
    assert project.project_key not in await resolve(stranger_client.list_project_keys())
    # Hidden projects answer 403 whether or not they exist, so keys cannot be probed.
    for key in (project.project_key, unique("NOPE")):
        with pytest.raises(dss.PermissionDeniedError):
            await resolve(stranger_client.get_project(key).list_code_studios())
    with pytest.raises(dss.PermissionDeniedError):
        await resolve(stranger_client.create_project(unique("P"), "Not allowed", stranger))


async def test_templates_a_user_may_use(live: Live) -> None:
    login, key = live.add_user("maker", may_create_projects=True)
    user = live.client(key)
    project = await resolve(user.create_project(unique("OWN"), "Own", login))
    mine = await resolve(project.create_code_studio("From the default", "python-workspace"))  # usable by all
    assert (await resolve(mine.get_settings())).owner == login
    restricted = await live.new_template()
    with pytest.raises(dss.PermissionDeniedError, match="may not use"):
        await resolve(project.create_code_studio("Not allowed", restricted.template_id))
    settings = await resolve(restricted.get_settings())
    settings.get_raw()["permissions"] = [{"user": login, "canUse": True}]
    await resolve(settings.save())
    allowed = await resolve(project.create_code_studio("Allowed now", restricted.template_id))
    assert (await resolve(allowed.get_settings())).template_id == restricted.template_id


async def test_the_async_client_fans_out_over_its_pool(live: Live, client: Any) -> None:
    if live.kind != "async":
        assert not hasattr(client, "gather")  # the sync client has no fan-out helper
        return
    projects = [await live.new_project() for _ in range(3)]
    for project in projects:
        await project.create_code_studio("Fan", "python-workspace")
    listed = await client.gather(*(p.list_code_studios() for p in projects), limit=2)
    assert [[i.name for i in items] for items in listed] == [["Fan"]] * 3
    with pytest.raises(dss.NotFoundError):
        await client.gather(projects[0].list_code_studios(), client.get_project("NO_SUCH").list_code_studios())


@pytest.mark.parametrize("bad", ["..", ".", ""])
async def test_ids_that_would_name_another_resource_are_refused(live: Live, client: Any, bad: str) -> None:
    # Sent as is, "/projects/KEY/code-studios/.." is resolved to "/projects/KEY": deleting the project.
    project = await live.new_project()
    studio = await resolve(project.create_code_studio("Survivor", "python-workspace"))
    with pytest.raises(ValueError, match="cannot name an object"):
        await resolve(project.get_code_studio(bad).delete())
    with pytest.raises(ValueError, match="cannot name an object"):
        await resolve(client.get_future(bad).abort())
    with pytest.raises(ValueError, match="cannot name an object"):
        await resolve(client.get_code_studio_template(bad).delete())
    assert project.project_key in await resolve(client.list_project_keys())
    assert [i.id for i in await resolve(project.list_code_studios())] == [studio.code_studio_id]
    library = await resolve(project.get_library())
    with pytest.raises(dss.DataikuException, match="not valid"):
        await resolve(library.add_folder(f"../../code-studios/{bad}"))
    assert [i.id for i in await resolve(project.list_code_studios())] == [studio.code_studio_id]
