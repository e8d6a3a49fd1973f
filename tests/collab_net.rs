//! The session socket: who gets in, and the clear refusals.

use std::time::Duration;

use debrief::collab::net::{Access, Client, Incoming, JoinError, Server, socket_path};
use debrief::collab::{Message, PROTOCOL};

fn document() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pm.toml");
    std::fs::write(&path, "schema = 1\n").expect("write");
    (dir, path)
}

fn my_uid() -> u32 {
    rustix::process::getuid().as_raw()
}

/// The owner's side answers a join with a welcome, as the editor does.
fn welcome_next(server: &Server) -> u32 {
    match server.incoming.recv_timeout(Duration::from_secs(5)) {
        Ok(Incoming::Joined { who, sender, .. }) => {
            sender
                .send(Message::Welcome {
                    protocol: PROTOCOL,
                    you: who,
                    seq: 7,
                    document: "schema = 1\n".into(),
                    peers: Vec::new(),
                    epoch: 1,
                    resumes: None,
                })
                .expect("queue");
            who
        }
        other => panic!("expected a join, got {other:?}"),
    }
}

#[test]
fn a_user_who_may_write_the_file_joins_and_messages_flow() {
    let (_dir, path) = document();
    let server = Server::bind(&path, 1).expect("bind");
    let joining = std::thread::spawn({
        let path = path.clone();
        move || Client::join(&path, "alice")
    });
    let who = welcome_next(&server);
    let (client, welcome) = joining.join().expect("thread").expect("joins");
    assert_eq!((welcome.you, welcome.seq), (who, 7));
    client.send(Message::Save);
    match server.incoming.recv_timeout(Duration::from_secs(5)) {
        Ok(Incoming::Message(from, Message::Save)) => assert_eq!(from, who),
        other => panic!("expected the save request, got {other:?}"),
    }
    // The socket has the document's owner permissions, no more.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(socket_path(&path))
        .expect("socket")
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "{mode:o}");
    drop(server);
    assert!(
        !socket_path(&path).exists(),
        "the socket file goes with the owner"
    );
    // The participant sees the owner go.
    drop(client.inbox.recv_timeout(Duration::from_secs(5)));
}

#[test]
fn a_user_who_may_not_write_the_file_is_refused() {
    let (_dir, path) = document();
    // The document as if it belonged to someone else, writable by them only.
    let access = Access {
        uid: my_uid() + 1,
        gid: u32::MAX - 1,
        mode: 0o644,
    };
    if my_uid() == 0 {
        return; // root may write anything
    }
    let _server = Server::bind_with(&path, 1, access).expect("bind");
    match Client::join(&path, "mallory") {
        Err(JoinError::Refused(reason)) => {
            assert!(reason.contains(&format!("uid {}", my_uid())), "{reason}");
            assert!(reason.contains("may not write"), "{reason}");
        }
        other => panic!("expected a refusal, got {:?}", other.map(|(_, w)| w)),
    }
}

#[test]
fn a_participant_of_another_protocol_version_gets_a_clear_message() {
    let (_dir, path) = document();
    let _server = Server::bind(&path, 1).expect("bind");
    match Client::join_speaking(&path, "future", PROTOCOL + 1) {
        Err(JoinError::Refused(reason)) => {
            assert!(
                reason.contains(&format!("protocol {PROTOCOL}"))
                    && reason.contains(&format!("you speak {}", PROTOCOL + 1))
                    && reason.contains("same debrief version"),
                "{reason}"
            );
        }
        other => panic!("expected a refusal, got {:?}", other.map(|(_, w)| w)),
    }
}

#[test]
fn access_follows_the_files_write_permissions() {
    let file = Access {
        uid: 1000,
        gid: 50,
        mode: 0o664,
    };
    assert!(file.allows(1000, &[1000]));
    assert!(file.allows(1001, &[1001, 50]), "a group member may write");
    assert!(!file.allows(1002, &[1002]), "others may not");
    let private = Access {
        mode: 0o644,
        ..file
    };
    assert!(!private.allows(1001, &[50]), "group may read only");
    assert!(private.allows(0, &[0]), "root may write anything");
    let readonly = Access {
        mode: 0o444,
        ..file
    };
    assert!(!readonly.allows(1000, &[1000]));
}

#[test]
fn no_session_is_no_session() {
    let (_dir, path) = document();
    assert!(matches!(
        Client::join(&path, "x"),
        Err(JoinError::NoSession(_))
    ));
}
