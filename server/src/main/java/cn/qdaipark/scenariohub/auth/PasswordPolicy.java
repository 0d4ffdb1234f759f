package cn.qdaipark.scenariohub.auth;

import cn.qdaipark.scenariohub.validation.Text;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.List;

/**
 * What a new password must be: 10 to 128 characters, and hard to guess as zxcvbn (Dropbox's estimator, nulab's
 * Java port) sees it, knowing the account's email, name and organization: score 3 of 4, about 10^8 guesses, which
 * the slow Argon2id hash makes days of work offline. Rules on character classes are left out: zxcvbn sees through
 * {@code Password123} whatever classes it mixes.
 */
final class PasswordPolicy {
  static final int MIN_LENGTH = 10;
  static final int MAX_LENGTH = 128;
  private static final int MIN_SCORE = 3;
  static final String TOO_SHORT = "密码至少 " + MIN_LENGTH + " 位";
  static final String TOO_LONG = "密码不能超过 " + MAX_LENGTH + " 位";
  static final String TOO_GUESSABLE = "密码太容易被猜到：请避开常见密码、单词加数字或年份、键盘顺序和邮箱、姓名、单位名，"
      + "可以用几个不相关的词组成更长的密码";
  private final Zxcvbn zxcvbn;

  /** Loads the estimator's dictionaries (a few hundred milliseconds): at startup, not at the first registration. */
  PasswordPolicy() {
    this.zxcvbn = new Zxcvbn();
  }

  /**
   * Why the length or a character is wrong (a control or bidi character cannot be typed again at the next login),
   * or null: cheap, checked with the other fields of the form.
   */
  static String formProblem(String password) {
    if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
      return password.length() < MIN_LENGTH ? TOO_SHORT : TOO_LONG;
    }
    String characters = Text.problem(password, Text.Kind.LINE);
    return characters == null ? null : "密码" + characters;
  }

  /** Whether the password is too easy to guess: up to ~200 ms for long repetitive input, so on a worker thread. */
  boolean guessable(String password, List<String> userInputs) {
    return zxcvbn.measure(password, userInputs).getScore() < MIN_SCORE;
  }
}
