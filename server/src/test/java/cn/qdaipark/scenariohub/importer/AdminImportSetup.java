package cn.qdaipark.scenariohub.importer;

import cn.qdaipark.scenariohub.support.Api;
import cn.qdaipark.scenariohub.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The import tests' app, started once per test class, and the token of its admin, who alone may import. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdminImportSetup {
  TestApp app;
  Api api;
  String admin;

  @BeforeAll
  void startApp() {
    app = TestApp.start();
    api = app.api;
    admin = app.adminToken();
  }

  @AfterAll
  void stopApp() {
    app.close();
  }
}
