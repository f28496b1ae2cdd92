// Marathon's groups as the groups tree shows them. Pure functions, no DOM.

/**
 * A group of /v2/groups with its counts from the live apps: {id, ownApps, allApps, groups, apps,
 * instances, running}, its subgroups' apps counted in.
 */
export function summarize(group, liveApps) {
  const ownApps = (group.apps ?? []).map(app => {
    const live = liveApps.get(app.id) ?? app;
    return { id: app.id, instances: live.instances ?? 0, running: live.tasksRunning ?? 0 };
  });
  const groups = (group.groups ?? []).map(child => summarize(child, liveApps))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const allApps = ownApps.concat(...groups.map(child => child.allApps));
  return {
    id: group.id,
    ownApps,
    allApps,
    groups,
    apps: allApps.length,
    instances: allApps.reduce((sum, app) => sum + app.instances, 0),
    running: allApps.reduce((sum, app) => sum + app.running, 0),
  };
}
