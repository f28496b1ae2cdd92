package io.drover.marathon.core;

import static io.drover.marathon.core.Fleet.at;
import static io.drover.marathon.core.OfferInterest.Action.NONE;
import static io.drover.marathon.core.OfferInterest.Action.REVIVE;
import static io.drover.marathon.core.OfferInterest.Action.SUPPRESS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OfferInterestTest {

  private static final boolean WAITING = true;
  private static final boolean IDLE = false;

  private final OfferInterest interest = new OfferInterest();

  private OfferInterest.Action pass(boolean waiting, double seconds) {
    return interest.afterPass(waiting, () -> false, at(seconds));
  }

  @Test
  void newWorkRevivesOnce() {
    assertThat(pass(WAITING, 100)).isEqualTo(REVIVE);
    interest.offered(at(101));
    assertThat(pass(WAITING, 102)).isEqualTo(NONE);
  }

  @Test
  void workThatWaitsWithoutOffersRevivesAgainAfterTenSeconds() {
    assertThat(pass(WAITING, 100)).isEqualTo(REVIVE);
    // last offer at 0, last revive at 100: 110 - 100 = 10 s is not more than 10 s
    assertThat(pass(WAITING, 110)).isEqualTo(NONE);
    assertThat(pass(WAITING, 110.001)).isEqualTo(REVIVE);
  }

  @Test
  void anOfferWithinTenSecondsKeepsItFromRevivingAgain() {
    assertThat(pass(WAITING, 100)).isEqualTo(REVIVE);
    interest.offered(at(105));
    // 112 - 105 = 7 s since the last offer
    assertThat(pass(WAITING, 112)).isEqualTo(NONE);
    // 115.5 - 105 = 10.5 s since the last offer, 15.5 s since the last revive
    assertThat(pass(WAITING, 115.5)).isEqualTo(REVIVE);
  }

  @Test
  void offersDeclinedForTheIdleRefusalMakeTheNextWorkRevive() {
    assertThat(pass(WAITING, 100)).isEqualTo(REVIVE);
    interest.offered(at(101));
    // a pass saw the queue empty only after offers were declined as idle: the queue still looks busy here
    interest.declined(true);
    assertThat(pass(WAITING, 102)).isEqualTo(REVIVE);
    assertThat(pass(WAITING, 103)).isEqualTo(NONE);
  }

  @Test
  void offersDeclinedBrieflyDoNotRevive() {
    assertThat(pass(WAITING, 100)).isEqualTo(REVIVE);
    interest.offered(at(101));
    interest.declined(false);
    assertThat(pass(WAITING, 102)).isEqualTo(NONE);
  }

  @Test
  void nothingWaitingAndNothingStagingSuppressesOnce() {
    assertThat(pass(IDLE, 100)).isEqualTo(SUPPRESS);
    assertThat(pass(IDLE, 101)).isEqualTo(NONE);
    // new work ends the suppression
    assertThat(pass(WAITING, 102)).isEqualTo(REVIVE);
  }

  @Test
  void stagingTasksKeepOffersComing() {
    assertThat(interest.afterPass(IDLE, () -> true, at(100))).isEqualTo(NONE);
    assertThat(interest.afterPass(IDLE, () -> false, at(101))).isEqualTo(SUPPRESS);
  }

  @Test
  void aNewMasterIsToldAgain() {
    assertThat(pass(IDLE, 100)).isEqualTo(SUPPRESS);
    interest.newMaster();
    assertThat(pass(IDLE, 101)).isEqualTo(SUPPRESS);

    assertThat(pass(WAITING, 102)).isEqualTo(REVIVE);
    interest.offered(at(103));
    interest.newMaster();
    assertThat(pass(WAITING, 104)).isEqualTo(REVIVE);
  }

  @Test
  void aFailedReviveIsRetriedOnceOffersStayAway() {
    assertThat(pass(WAITING, 100)).isEqualTo(REVIVE);
    interest.reviveFailed();
    // no offer since 0 and, as far as it knows, no revive since 0
    assertThat(pass(WAITING, 101)).isEqualTo(REVIVE);
  }
}
