package cn.qdaipark.scenariohub.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.posting.PostingLifecycle.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostingLifecycleTest {

  @ParameterizedTest(name = "{0}: {1} → {2} by {3}")
  @CsvSource({
      "challenge, draft, open, ISSUER",
      "challenge, draft, open, ADMIN",
      "challenge, pending, open, ADMIN",
      "challenge, pending, rejected, ADMIN",
      "challenge, open, review, SYSTEM",
      "challenge, open, closed, ISSUER",
      "challenge, review, shortlisted, ISSUER",
      "challenge, review, awarded, ISSUER",
      "challenge, review, unawarded, ISSUER",
      "challenge, shortlisted, awarded, ISSUER",
      "challenge, shortlisted, unawarded, ISSUER",
      "challenge, awarded, result_published, ISSUER",
      "challenge, result_published, in_delivery, ISSUER",
      "challenge, in_delivery, acceptance, ISSUER",
      "challenge, acceptance, accepted, ADMIN",
      "challenge, acceptance, in_delivery, ISSUER",
      "challenge, acceptance, failed, ISSUER",
      "challenge, accepted, archived, ISSUER",
      "demand, draft, open, ISSUER",
      "demand, open, in_talks, ISSUER",
      "demand, in_talks, open, ISSUER",
      "demand, in_talks, pilot, ISSUER",
      "demand, pilot, landed, ISSUER",
      "demand, open, closed, ISSUER",
      "demand, in_talks, closed, ISSUER",
      "demand, pilot, closed, ISSUER",
      "demand, closed, archived, ADMIN",
  })
  @DisplayName("every allowed move passes for its actor")
  void allowedMoves(String kind, String from, String to, Actor actor) {
    PostingLifecycle.check(kind, from, to, actor);
    assertThat(PostingLifecycle.next(kind, from, actor)).contains(to);
  }

  @ParameterizedTest(name = "{0}: {1} → {2} by {3} is 403")
  @CsvSource({
      "challenge, open, review, ISSUER",
      "challenge, open, review, ADMIN",
      "challenge, draft, open, SYSTEM",
      "challenge, pending, open, ISSUER",
      "challenge, review, awarded, SYSTEM",
      "challenge, awarded, result_published, SYSTEM",
      "demand, pending, rejected, ISSUER",
      "demand, open, in_talks, SYSTEM",
  })
  @DisplayName("an existing move made by the wrong actor is forbidden")
  void wrongActor(String kind, String from, String to, Actor actor) {
    assertThatThrownBy(() -> PostingLifecycle.check(kind, from, to, actor))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  @DisplayName("every move not in the lifecycle is a conflict, whoever asks")
  void everyOtherMoveRefused() {
    List<String> refused = new ArrayList<>();
    for (String kind : List.of("challenge", "demand")) {
      for (String from : PostingStatus.ALL) {
        for (String to : PostingStatus.ALL) {
          Set<Actor> actors = PostingLifecycle.actors(kind, from, to);
          if (!actors.isEmpty()) {
            continue;
          }
          for (Actor actor : Actor.values()) {
            try {
              PostingLifecycle.check(kind, from, to, actor);
              refused.add("allowed: " + kind + " " + from + "→" + to + " by " + actor);
            } catch (ApiException e) {
              if (e.status() != 409) {
                refused.add("not 409: " + kind + " " + from + "→" + to);
              }
            }
          }
        }
      }
    }
    assertThat(refused).isEmpty();
  }

  @Test
  @DisplayName("the review states belong to calls and the talks states to demands")
  void kindsHaveTheirOwnStates() {
    assertThat(PostingLifecycle.actors("demand", "open", "review")).isEmpty();
    assertThat(PostingLifecycle.actors("challenge", "open", "in_talks")).isEmpty();
    assertThat(PostingLifecycle.actors("challenge", "review", "landed")).isEmpty();
    assertThat(PostingLifecycle.actors("challenge", "archived", "archived")).isEmpty();
  }

  @Test
  @DisplayName("the system only ever closes calls at their deadline; issuers see their own next moves")
  void nextMoves() {
    assertThat(PostingLifecycle.next("challenge", "open", Actor.SYSTEM)).containsExactly("review");
    assertThat(PostingLifecycle.next("challenge", "open", Actor.ISSUER)).containsExactly("closed", "archived");
    assertThat(PostingLifecycle.next("challenge", "review", Actor.ISSUER))
        .containsExactly("shortlisted", "awarded", "unawarded", "archived");
    assertThat(PostingLifecycle.next("demand", "in_talks", Actor.ISSUER))
        .containsExactlyInAnyOrder("open", "pilot", "closed", "archived");
  }

  @Test
  @DisplayName("refusals say in Chinese which move was refused")
  void messages() {
    assertThatThrownBy(() -> PostingLifecycle.check("challenge", "review", "landed", Actor.ISSUER))
        .hasMessageContaining("评审中").hasMessageContaining("已落地");
    assertThatThrownBy(() -> PostingLifecycle.check("challenge", "open", "review", Actor.ISSUER))
        .hasMessageContaining("系统自动");
  }
}
