package cn.qdaipark.scenariohub.conversation;

import cn.qdaipark.scenariohub.validation.Validator;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * The contact person an organization shares in a thread: a name, a China mobile (11 digits from 13–19, optionally
 * after +86) or landline number (area code from 0, 7–8 digits, optional extension), and an e-mail address.
 */
public record ContactDetails(String name, String phone, String email) {
  private static final Pattern MOBILE = Pattern.compile("(?:\\+86)?1[3-9]\\d{9}");
  private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-?\\d{7,8}(?:-\\d{1,6})?");
  private static final Pattern EMAIL =
      Pattern.compile("^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$");

  public static ContactDetails read(JsonObject body) {
    Validator v = new Validator(body);
    String name = v.name("name", true, 1, 60);
    // Spaces and the hyphens people type between groups of a mobile number are not part of it.
    String phone = v.line("phone", true, 1, 30).replaceAll("[\\s()（）]", "");
    String email = v.line("email", true, 3, 254);
    String mobile = phone.replace("-", "");
    v.check(v.hasError("phone") || MOBILE.matcher(mobile).matches() || LANDLINE.matcher(phone).matches(), "phone",
        "电话格式不正确（手机号 11 位，座机如 0532-88886666）");
    v.check(v.hasError("email") || EMAIL.matcher(email).matches(), "email", "邮箱格式不正确");
    v.throwIfInvalid();
    return new ContactDetails(name, MOBILE.matcher(mobile).matches() ? mobile : phone, email);
  }
}
