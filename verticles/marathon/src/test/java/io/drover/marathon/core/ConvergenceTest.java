package io.drover.marathon.core;

import static io.drover.marathon.core.Fleet.app;
import static io.drover.marathon.core.Fleet.at;
import static io.drover.marathon.core.Fleet.task;
import static io.drover.marathon.core.Fleet.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.placement.LaunchDelay;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvergenceTest {

  private static Convergence.Decision decide(AppDefinition app, List<Instance> tasks, long now) {
    return Convergence.decide(app, tasks, now);
  }

  private static Convergence.Decision decide(AppDefinition app, List<Instance> tasks) {
    return decide(app, tasks, at(1000));
  }

  private static List<String> killed(Convergence.Decision decision) {
    return decision.kills().stream().map(k -> k.instance().taskId()).toList();
  }

  private static List<String> reasons(Convergence.Decision decision) {
    return decision.kills().stream().map(Convergence.Kill::reason).distinct().toList();
  }

  private static List<String> ids(List<Instance> instances) {
    return instances.stream().map(Instance::taskId).toList();
  }

  // ---- instances ----

  @Test
  void launchesWhatIsMissing() {
    // 3 wanted - 1 running = 2 to launch
    var decision = decide(app("/web x3"), tasks("t1 v1 running"));

    assertThat(decision.launch()).isEqualTo(2);
    assertThat(decision.kills()).isEmpty();
  }

  @Test
  void aNewAppLaunchesAllItsInstances() {
    assertThat(decide(app("/web x5"), List.of()).launch()).isEqualTo(5);
  }

  @Test
  void stagingTasksCountAsLaunched() {
    // 3 wanted - (1 running + 2 staging) = 0
    var decision = decide(app("/web x3"), tasks("t1 v1 running, t2 v1 staging, t3 v1 starting"));

    assertThat(decision).isEqualTo(new Convergence.Decision(0, List.of(), List.of(), List.of()));
  }

  @Test
  void tasksBeingKilledDoNotCountAndAreNotKilledAgain() {
    // 3 wanted - (3 tasks - 1 dying - 1 killing) = 2 to launch
    var decision = decide(app("/web x3"), tasks("t1 v1 running, t2 v1 running dying, t3 v1 killing"));

    assertThat(decision.launch()).isEqualTo(2);
    assertThat(decision.kills()).isEmpty();
  }

  @Test
  void scalingDownKillsTheYoungestFirst() {
    // 4 running - 2 wanted = 2 to kill: the two started last
    var decision = decide(app("/web x2"),
      tasks("t1 v1 running started@10, t2 v1 running started@40, t3 v1 running started@20, t4 v1 running started@30"));

    assertThat(decision.launch()).isZero();
    assertThat(killed(decision)).containsExactly("t2", "t4");
    assertThat(reasons(decision)).containsExactly("the app is scaled down");
  }

  @Test
  void scalingDownCanKillTheOldestFirst() {
    var decision = decide(app("/web x2 oldest-first"),
      tasks("t1 v1 running started@10, t2 v1 running started@40, t3 v1 running started@20, t4 v1 running started@30"));

    assertThat(killed(decision)).containsExactly("t1", "t3");
  }

  @Test
  void scalingDownKillsWhatServesNothingYetFirst() {
    // 4 - 1 wanted = 3 to kill: staging, then unhealthy, then the youngest healthy
    var decision = decide(app("/web x1 health"),
      tasks("t1 v1 running healthy started@10, t2 v1 running unhealthy started@5, t3 v1 staging staged@1,"
        + " t4 v1 running healthy started@20"));

    assertThat(killed(decision)).containsExactly("t3", "t2", "t4");
  }

  @Test
  void scalingToZeroKillsEverything() {
    var decision = decide(app("/web x0"), tasks("t1 v1 running, t2 v1 staging"));

    assertThat(decision.launch()).isZero();
    assertThat(killed(decision)).containsExactlyInAnyOrder("t1", "t2");
  }

  // ---- rolling upgrade: over-capacity and health ----

  @Test
  void anUpgradeStartsNewTasksBesideTheOldWithinMaximumOverCapacity() {
    // N = 2, upgrade 1/1: minHealthy = 2, maxCapacity = 2 + 2 = 4
    // 2 old healthy: none may go; room = 4 - 2 = 2 new
    var decision = decide(app("/web x2 config=v2"), tasks("t1 v1 running, t2 v1 running"));

    assertThat(decision.launch()).isEqualTo(2);
    assertThat(decision.kills()).isEmpty();
  }

  @Test
  void oldTasksGoOnceTheNewAreReady() {
    // healthy = 2 old + 2 new = 4, minHealthy = 2: both old may go
    var decision = decide(app("/web x2 config=v2"),
      tasks("t1 v1 running, t2 v1 running, t3 v2 running, t4 v2 running"));

    assertThat(decision.launch()).isZero();
    assertThat(killed(decision)).containsExactlyInAnyOrder("t1", "t2");
    assertThat(reasons(decision)).containsExactly("replaced by version v2");
  }

  @Test
  void withoutOverCapacityAnUpgradeKillsBeforeItStarts() {
    // N = 4, upgrade 0.5/0: minHealthy = ceil(4 x 0.5) = 2, maxCapacity = 4 + floor(4 x 0) = 4
    // 4 old healthy: 4 - 2 = 2 may go; room = 4 - (4 - 2) = 2 new
    var decision = decide(app("/web x4 config=v2 upgrade=0.5/0"),
      tasks("t1 v1 running started@1, t2 v1 running started@2, t3 v1 running started@3, t4 v1 running started@4"));

    assertThat(decision.launch()).isEqualTo(2);
    assertThat(killed(decision)).containsExactly("t4", "t3");
  }

  @Test
  void oldTasksAlreadyBeingKilledCountAgainstTheKillsOfAStep() {
    // as above, but t4 is already going: it counts for nothing, and 3 healthy - 2 = 1 more may go
    // kill = 1 going + 1 healthy, of which t4 is one: 1 more (t3); room = 4 - (4 - 2) = 2 new
    var decision = decide(app("/web x4 config=v2 upgrade=0.5/0"),
      tasks("t1 v1 running started@1, t2 v1 running started@2, t3 v1 running started@3,"
        + " t4 v1 running dying started@4"));

    assertThat(killed(decision)).containsExactly("t3");
    assertThat(decision.launch()).isEqualTo(2);
  }

  @Test
  void unhealthyOldTasksGoAtOnce() {
    // N = 2, upgrade 1/1: minHealthy = 2, maxCapacity = 4
    // old: t1 healthy, t2 unhealthy -> t2 counts for nothing and goes; room = 4 - 1 = 3, new at most 2
    var decision = decide(app("/web x2 config=v2 health"),
      tasks("t1 v1 running healthy, t2 v1 running unhealthy"));

    assertThat(killed(decision)).containsExactly("t2");
    assertThat(decision.launch()).isEqualTo(2);
  }

  @Test
  void anUpgradeWaitsForNewTasksToPassTheirHealthChecks() {
    // N = 1, upgrade 1/1: minHealthy = 1; t2 runs but has not passed its check: healthy = 1, t1 stays
    var app = app("/web x1 config=v2 health");
    var waiting = decide(app, tasks("t1 v1 running healthy, t2 v2 running"));
    assertThat(waiting.launch()).isZero();
    assertThat(waiting.kills()).isEmpty();

    // t2 healthy: healthy = 2, 2 - 1 = 1 old may go
    var replacing = decide(app, tasks("t1 v1 running healthy, t2 v2 running healthy"));
    assertThat(killed(replacing)).containsExactly("t1");
  }

  @Test
  void anUpgradeWaitsForReadinessAndAsksTheNewTasks() {
    var app = app("/web x1 config=v2 ready");
    var waiting = decide(app, tasks("t1 v1 running, t2 v2 running"));
    assertThat(waiting.kills()).isEmpty();
    assertThat(ids(waiting.readiness())).containsExactly("t2");

    var replacing = decide(app, tasks("t1 v1 running, t2 v2 running ready"));
    assertThat(killed(replacing)).containsExactly("t1");
  }

  @Test
  void whenMinimumHealthEqualsCapacityOneTaskGoesBeyondIt() {
    // N = 1, upgrade 1/0: minHealthy = 1 = maxCapacity; nothing could move, so one new starts beyond it
    var decision = decide(app("/web x1 config=v2 upgrade=1/0"), tasks("t1 v1 running"));

    assertThat(decision.launch()).isEqualTo(1);
    assertThat(decision.kills()).isEmpty();
  }

  // ---- unreachable ----

  @Test
  void anUnreachableTaskIsReplacedAfterInactiveAfterSecondsAndGivenUpAfterExpungeAfterSeconds() {
    var app = app("/web x2 unreachable=60/120");
    // unreachable since 0
    var tasks = tasks("t1 v1 running, t2 v1 unreachable@0");

    // at 59 s it still counts: 2 - 2 = 0
    assertThat(decide(app, tasks, at(59)).launch()).isZero();

    // at 60 s it is inactive: 2 - 1 = 1 replacement, and it is not killed
    var inactive = decide(app, tasks, at(60));
    assertThat(inactive.launch()).isEqualTo(1);
    assertThat(inactive.kills()).isEmpty();
    assertThat(inactive.forgotten()).isEmpty();

    // at 120 s it is killed (should it come back) and forgotten
    var expunged = decide(app, tasks, at(120));
    assertThat(killed(expunged)).containsExactly("t2");
    assertThat(reasons(expunged)).containsExactly("unreachable for longer than expungeAfterSeconds");
    assertThat(ids(expunged.forgotten())).containsExactly("t2");
    assertThat(expunged.launch()).isEqualTo(1);
  }

  @Test
  void anUnreachableTaskIsNotExpungedBeforeItIsInactive() {
    // expunge 10 s < inactive 60 s: at 30 s it is neither
    var decision = decide(app("/web x1 unreachable=60/10"), tasks("t1 v1 unreachable@0"), at(30));

    assertThat(decision.forgotten()).isEmpty();
    assertThat(decision.launch()).isZero();
  }

  @Test
  void withTheUnreachableStrategyOffAnUnreachableTaskAlwaysCounts() {
    var decision = decide(app("/web x1 unreachable=off"), tasks("t1 v1 unreachable@0"), at(1_000_000));

    assertThat(decision).isEqualTo(new Convergence.Decision(0, List.of(), List.of(), List.of()));
  }

  // ---- a gone app ----

  @Test
  void aGoneAppsTasksAreKilledAndItsUnreachableOnesForgotten() {
    var decision = decide(null, tasks("t1 v1 running, t2 v1 killing, t3 v1 unreachable@0, t4 v1 staging"));

    assertThat(decision.launch()).isZero();
    // t2 is already being killed
    assertThat(killed(decision)).containsExactly("t1", "t3", "t4");
    assertThat(reasons(decision)).containsExactly("its app is gone");
    assertThat(ids(decision.forgotten())).containsExactly("t3");
  }

  // ---- health verdicts ----

  @Test
  void aHealthyTaskProvesTheAppAndAnUnhealthyOneDoesNot() {
    var app = app("/web x2 health");

    assertThat(Convergence.onHealth(app, task("t1 v1 running healthy"))).isEqualTo(Convergence.HealthVerdict.PROVEN);
    assertThat(Convergence.onHealth(app, task("t1 v1 running unhealthy"))).isEqualTo(Convergence.HealthVerdict.FAILED);
  }

  @Test
  void aTaskIsKilledOnlyOnceItFailedItsCheckMaxConsecutiveFailuresTimes() {
    var check = app("/web health").healthChecks().get(0);
    var task = task("t1 v1 running");
    CheckHealth health = new CheckHealth();

    health.failed(1, "500");
    health.failed(2, "500");
    assertThat(Convergence.onFailedCheck(check, health, task, false)).isEqualTo(Convergence.HealthVerdict.FAILED);
    health.failed(3, "500");
    assertThat(Convergence.onFailedCheck(check, health, task, false)).isEqualTo(Convergence.HealthVerdict.KILL);
    // a pass starts the count afresh
    health.passed(4);
    health.failed(5, "500");
    assertThat(Convergence.onFailedCheck(check, health, task, false)).isEqualTo(Convergence.HealthVerdict.FAILED);
    // the agent reports its own check only once it failed often enough
    assertThat(Convergence.onFailedCheck(check, health, task, true)).isEqualTo(Convergence.HealthVerdict.KILL);
  }

  @Test
  void anUnhealthyTaskStaysWhenTheCheckKillsNothingOrItIsAlreadyGoing() {
    CheckHealth failing = new CheckHealth();
    for (int i = 0; i < 5; i++) {
      failing.failed(i, "refused");
    }
    assertThat(Convergence.onFailedCheck(app("/web health=0").healthChecks().get(0), failing,
      task("t1 v1 running unhealthy"), true)).isEqualTo(Convergence.HealthVerdict.FAILED);
    assertThat(Convergence.onFailedCheck(app("/web health").healthChecks().get(0), failing,
      task("t1 v1 running unhealthy dying"), true)).isEqualTo(Convergence.HealthVerdict.FAILED);
  }

  @Test
  void withoutHealthChecksOrAnAppAVerdictMeansNothing() {
    assertThat(Convergence.onHealth(app("/web"), task("t1 v1 running unhealthy")))
      .isEqualTo(Convergence.HealthVerdict.NONE);
    assertThat(Convergence.onHealth(null, task("t1 v1 running unhealthy"))).isEqualTo(Convergence.HealthVerdict.NONE);
  }

  // ---- converged ----

  @Test
  void anAppIsConvergedWhenItRunsExactlyItsInstancesOfItsConfigurationAllReady() {
    var app = app("/web x2 config=v2 health");

    assertThat(Convergence.converged(app, tasks("t1 v2 running healthy, t2 v2 running healthy"))).isTrue();
    assertThat(Convergence.converged(app, tasks("t1 v2 running healthy"))).isFalse();
    assertThat(Convergence.converged(app, tasks("t1 v2 running healthy, t2 v2 running"))).isFalse();
    assertThat(Convergence.converged(app, tasks("t1 v2 running healthy, t2 v1 running healthy"))).isFalse();
    assertThat(Convergence.converged(app, tasks("t1 v2 running healthy, t2 v2 running healthy dying"))).isFalse();
  }

  // ---- backoff ----

  @Test
  void everyUnaskedEndDoublesTheBackoff() {
    // backoff 1 s x 2^(n-1), at most 300 s
    LaunchDelay delay = LaunchDelay.of(1, 2, 300);

    // 1st failure at 10 s (a task that never ran): 1 s, launchable at 11 s
    delay = Convergence.backoffAfter(delay, task("t1 v1 staging staged@5"), at(10));
    assertThat(delay.launchableAt()).isEqualTo(at(11));
    assertThat(delay.isDelayed(at(10.5))).isTrue();
    assertThat(delay.isDelayed(at(11))).isFalse();

    // 2nd at 11 s: 2 s, launchable at 13 s; 3rd at 13 s: 4 s, launchable at 17 s
    delay = Convergence.backoffAfter(delay, task("t2 v1 staging staged@11"), at(11));
    assertThat(delay.launchableAt()).isEqualTo(at(13));
    delay = Convergence.backoffAfter(delay, task("t3 v1 running started@12"), at(13));
    assertThat(delay.launchableAt()).isEqualTo(at(17));
    assertThat(delay.failures()).isEqualTo(3);
  }

  @Test
  void theBackoffIsCappedAtMaxLaunchDelaySeconds() {
    // 10 s x 10^(n-1), at most 60 s: 10, 60 (not 100), 60
    LaunchDelay delay = LaunchDelay.of(10, 10, 60);
    delay = Convergence.backoffAfter(delay, task("t1 v1 staging"), at(0));
    delay = Convergence.backoffAfter(delay, task("t2 v1 staging"), at(10));
    assertThat(delay.currentDelaySeconds()).isEqualTo(60.0);
    delay = Convergence.backoffAfter(delay, task("t3 v1 staging"), at(70));
    assertThat(delay.launchableAt()).isEqualTo(at(130));
  }

  @Test
  void aTaskThatRanLongerThanAMinuteStartsTheBackoffAfresh() {
    LaunchDelay delay = LaunchDelay.of(1, 2, 300);
    delay = Convergence.backoffAfter(delay, task("t1 v1 staging"), at(0));
    delay = Convergence.backoffAfter(delay, task("t2 v1 staging"), at(1));
    // 2 failures: 2 s

    // t3 ran from 10 s to 71 s (61 s > 60 s): the 3rd failure counts as the 1st of a new series,
    // and a task that ran is replaced at once
    delay = Convergence.backoffAfter(delay, task("t3 v1 running started@10"), at(71));
    assertThat(delay.failures()).isEqualTo(1);
    assertThat(delay.isDelayed(at(71))).isFalse();
  }

  @Test
  void aTaskThatRanIsReplacedAtOnceButOneThatKeepsFailingWaits() {
    LaunchDelay delay = LaunchDelay.of(1, 2, 300);

    // killed from outside after running: no wait
    delay = Convergence.backoffAfter(delay, task("t1 v1 running started@5"), at(10));
    assertThat(delay.isDelayed(at(10))).isFalse();
    assertThat(delay.failures()).isEqualTo(1);
    // its replacement fails too, soon: now the backoff counts, 2nd failure 2 s, 3rd 4 s
    delay = Convergence.backoffAfter(delay, task("t2 v1 running started@11"), at(12));
    assertThat(delay.launchableAt()).isEqualTo(at(14));
    delay = Convergence.backoffAfter(delay, task("t3 v1 running started@15"), at(16));
    assertThat(delay.launchableAt()).isEqualTo(at(20));
  }

  @Test
  void aTaskWeKilledLeavesTheBackoffAlone() {
    LaunchDelay delay = LaunchDelay.of(1, 2, 300);

    assertThat(Convergence.backoffAfter(delay, task("t1 v1 running dying"), at(10))).isSameAs(delay);
  }
}
