//! A real git repository in a temporary folder, with debrief's diff and
//! merge drivers configured the way docs/git.md says.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use debrief::model::Postmortem;

/// The debrief binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_debrief");

/// A git repository in a temporary folder.
pub struct Repo {
    /// Keeps the folder alive.
    pub dir: tempfile::TempDir,
}

/// The document every scenario starts from: the bundled checkout example.
pub const DOC: &str = "postmortems/2023-11-24-checkout.toml";

impl Repo {
    /// `git init` with a user, `.gitattributes` naming the drivers and
    /// `git config` defining them (absolute path of the binary under test).
    pub fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().expect("tmp"),
        };
        repo.git_ok(&["init", "-q", "-b", "main"]);
        repo.git_ok(&["config", "user.name", "Dana Reyes"]);
        repo.git_ok(&["config", "user.email", "dana@example.com"]);
        repo.git_ok(&["config", "commit.gpgsign", "false"]);
        repo.git_ok(&["config", "diff.debrief.command", &format!("{BIN} diff")]);
        repo.git_ok(&[
            "config",
            "merge.debrief.driver",
            &format!("{BIN} merge %O %A %B --name %P"),
        ]);
        std::fs::write(
            repo.path(".gitattributes"),
            "postmortems/**/*.toml diff=debrief merge=debrief\n",
        )
        .expect("gitattributes");
        std::fs::create_dir_all(repo.path("postmortems")).expect("folder");
        repo
    }

    /// A path inside the repository.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Runs git in the repository, isolated from the user's config.
    pub fn git(&self, args: &[&str]) -> Output {
        Command::new("git")
            .args(args)
            .current_dir(self.dir.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_PAGER", "cat")
            .env("PAGER", "cat")
            .env_remove("GIT_EXTERNAL_DIFF")
            .output()
            .expect("git runs")
    }

    /// Runs git and insists it succeeds; its standard output.
    pub fn git_ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(
            out.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs debrief in the repository.
    pub fn debrief(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .current_dir(self.dir.path())
            .env("DEBRIEF_CONFIG", "")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .expect("debrief runs")
    }

    /// Saves `doc` at `rel` in canonical form.
    pub fn save(&self, rel: &str, doc: &Postmortem) {
        debrief::store::save(doc, &self.path(rel)).expect("save");
    }

    /// Loads the document at `rel`.
    pub fn load(&self, rel: &str) -> Postmortem {
        debrief::store::load(&self.path(rel)).expect("loads").doc
    }

    /// Commits everything.
    pub fn commit(&self, message: &str) {
        self.git_ok(&["add", "-A"]);
        self.git_ok(&["commit", "-q", "-m", message]);
    }
}

/// The bundled checkout example.
pub fn example() -> Postmortem {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/checkout-cache-stampede.toml");
    debrief::store::load(&path).expect("example").doc
}

/// A repository whose `main` has the example, a branch `theirs` changed
/// by `theirs`, and `main` then changed by `ours`; then `git merge theirs`.
/// Returns the repository and the merge's output.
pub fn merged(
    ours: impl FnOnce(&mut Postmortem),
    theirs: impl FnOnce(&mut Postmortem),
) -> (Repo, Output) {
    let repo = Repo::new();
    repo.save(DOC, &example());
    repo.commit("the checkout postmortem");
    repo.git_ok(&["checkout", "-q", "-b", "theirs"]);
    let mut doc = repo.load(DOC);
    theirs(&mut doc);
    repo.save(DOC, &doc);
    repo.commit("their review");
    repo.git_ok(&["checkout", "-q", "main"]);
    let mut doc = repo.load(DOC);
    ours(&mut doc);
    repo.save(DOC, &doc);
    repo.commit("our review");
    let out = repo.git(&["merge", "--no-edit", "theirs"]);
    (repo, out)
}
