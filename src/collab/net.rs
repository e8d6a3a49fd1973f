//! The session's socket: `.NAME.toml.debrief-socket` beside the lock file,
//! a Unix-domain socket the owner listens on. No daemon and no port: only
//! users who can reach the file's folder and whose uid may write the
//! document get in ([`Access`]). Threads only move lines: the editor
//! reads what arrives from a channel and decides everything itself.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use super::hub::Who;
use super::protocol::{self, Message, PROTOCOL, protocol_of, version_refusal};
use crate::store::lock::sidecar;

/// `.NAME.toml.debrief-socket` beside `document`.
pub fn socket_path(document: &Path) -> PathBuf {
    sidecar(document, "debrief-socket")
}

/// Who may join: those who may write the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    /// The document's owner.
    pub uid: u32,
    /// The document's group.
    pub gid: u32,
    /// The document's permission bits.
    pub mode: u32,
}

impl Access {
    /// The document's owner, group and mode.
    pub fn of_file(document: &Path) -> io::Result<Access> {
        let meta = std::fs::metadata(document)?;
        Ok(Access {
            uid: meta.uid(),
            gid: meta.gid(),
            mode: meta.mode(),
        })
    }

    /// Whether a user (`uid`, in `groups`) may write the document.
    pub fn allows(&self, uid: u32, groups: &[u32]) -> bool {
        uid == 0
            || (uid == self.uid && self.mode & 0o200 != 0)
            || (groups.contains(&self.gid) && self.mode & 0o020 != 0)
            || self.mode & 0o002 != 0
    }

    /// The socket's mode: the document's write permissions, as read and
    /// write (connecting needs write permission on the socket).
    fn socket_mode(&self) -> u32 {
        let mut mode = 0o600;
        if self.mode & 0o020 != 0 {
            mode |= 0o060;
        }
        if self.mode & 0o002 != 0 {
            mode |= 0o006;
        }
        mode
    }
}

/// The peer's uid and groups (its primary group and, on Linux, the
/// supplementary groups of its process).
fn peer(stream: &UnixStream) -> io::Result<(u32, Vec<u32>)> {
    let cred = rustix::net::sockopt::socket_peercred(stream)?;
    let mut groups = vec![cred.gid.as_raw()];
    let status = format!("/proc/{}/status", cred.pid.as_raw_nonzero());
    if let Ok(text) = std::fs::read_to_string(status)
        && let Some(line) = text.lines().find(|l| l.starts_with("Groups:"))
    {
        groups.extend(
            line["Groups:".len()..]
                .split_whitespace()
                .filter_map(|g| g.parse::<u32>().ok()),
        );
    }
    Ok((cred.uid.as_raw(), groups))
}

/// What reaches the owner's editor from the socket.
// A message is the large variant and the common one: boxing it would
// allocate per edit to save a few bytes per queued item.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Incoming {
    /// A participant passed the checks: send them `welcome` through
    /// `sender` and keep it to reach them.
    Joined {
        /// Their number.
        who: Who,
        /// Their login name.
        user: String,
        /// Their outgoing queue.
        sender: Sender<Message>,
    },
    /// A message from a participant.
    Message(Who, Message),
    /// A participant's connection closed.
    Left(Who),
}

/// The owner's listening socket. Dropping it stops listening and removes
/// the socket file (unless another owner has bound a new one since).
#[derive(Debug)]
pub struct Server {
    path: PathBuf,
    inode: (u64, u64),
    stop: Arc<AtomicBool>,
    /// What arrives.
    pub incoming: Receiver<Incoming>,
}

impl Server {
    /// Listens beside `document` (whose lock the caller holds: a socket
    /// file there is left by a dead owner and is replaced). Participants
    /// get numbers from `first` on.
    pub fn bind(document: &Path, first: Who) -> io::Result<Server> {
        Server::bind_with(document, first, Access::of_file(document)?)
    }

    /// [`Server::bind`] with the access rule given (tests).
    pub fn bind_with(document: &Path, first: Who, access: Access) -> io::Result<Server> {
        let path = socket_path(document);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let listener = UnixListener::bind(&path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(access.socket_mode()))?;
        // Same group as the document, when we may (best effort).
        let _ = std::os::unix::fs::chown(&path, None, Some(access.gid));
        let meta = std::fs::metadata(&path)?;
        listener.set_nonblocking(true)?;
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, incoming) = channel();
        let flag = Arc::clone(&stop);
        std::thread::spawn(move || accept_loop(listener, access, first, tx, flag));
        Ok(Server {
            path,
            inode: (meta.dev(), meta.ino()),
            stop,
            incoming,
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if std::fs::metadata(&self.path).is_ok_and(|m| (m.dev(), m.ino()) == self.inode) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn accept_loop(
    listener: UnixListener,
    access: Access,
    first: Who,
    tx: Sender<Incoming>,
    stop: Arc<AtomicBool>,
) {
    let mut next = first;
    while !stop.load(Ordering::Relaxed) {
        match listener.accept() {
            Ok((stream, _)) => {
                let who = next;
                next += 1;
                let tx = tx.clone();
                std::thread::spawn(move || serve(stream, who, access, tx));
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// Handshake, then lines in, until the connection closes.
fn serve(stream: UnixStream, who: Who, access: Access, tx: Sender<Incoming>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let refuse = |writer: &mut UnixStream, reason: String| {
        let _ = protocol::write(writer, &Message::Refused { reason });
    };
    let mut reader = BufReader::new(stream);
    let mut first = Vec::new();
    if io::Read::take(&mut reader, 64 * 1024)
        .read_until(b'\n', &mut first)
        .is_err()
    {
        return;
    }
    let version = protocol_of(&first);
    if version != Some(PROTOCOL) {
        return refuse(&mut writer, version_refusal(version.unwrap_or(0)));
    }
    let user = match serde_json::from_slice::<Message>(&first) {
        Ok(Message::Hello { user, .. }) => user,
        _ => return refuse(&mut writer, "expected a hello".into()),
    };
    match peer(reader.get_ref()) {
        Ok((uid, groups)) if access.allows(uid, &groups) => {}
        Ok((uid, _)) => {
            return refuse(
                &mut writer,
                format!("uid {uid} may not write this document, so it may not join its session"),
            );
        }
        Err(e) => return refuse(&mut writer, format!("cannot check who you are: {e}")),
    }
    let _ = reader.get_ref().set_read_timeout(None);
    let sender = writer_thread(writer);
    if tx.send(Incoming::Joined { who, user, sender }).is_err() {
        return;
    }
    while let Ok(Some(message)) = protocol::read(&mut reader) {
        if tx.send(Incoming::Message(who, message)).is_err() {
            return;
        }
    }
    let _ = tx.send(Incoming::Left(who));
}

/// Why joining did not work.
#[derive(Debug, thiserror::Error)]
pub enum JoinError {
    /// Nobody listens (no socket, or a dead owner's).
    #[error("no session to join: {0}")]
    NoSession(io::Error),
    /// The owner said no.
    #[error("the session refused: {0}")]
    Refused(String),
    /// The connection failed on the way.
    #[error("joining the session failed: {0}")]
    Broken(io::Error),
}

/// What a participant's editor reads: messages, then `None` once the
/// owner is gone.
pub type Inbox = Receiver<Option<Message>>;

/// A participant's connection.
#[derive(Debug)]
pub struct Client {
    /// What the owner sends; `None` when the connection closed.
    pub inbox: Inbox,
    outbox: Sender<Message>,
}

/// The owner's welcome.
#[derive(Debug, Clone)]
pub struct Welcome {
    /// Our number.
    pub you: Who,
    /// The last edit the document holds.
    pub seq: u64,
    /// The document as TOML.
    pub document: String,
    /// Everyone in the session.
    pub peers: Vec<protocol::Peer>,
    /// The owner's order of edits (its token).
    pub epoch: u64,
    /// The dead owner's order it took over, and how far.
    pub resumes: Option<protocol::Resumes>,
}

impl Client {
    /// Joins the session on `document` as `user`.
    pub fn join(document: &Path, user: &str) -> Result<(Client, Welcome), JoinError> {
        Client::join_speaking(document, user, PROTOCOL)
    }

    /// [`Client::join`] announcing another protocol version (tests).
    pub fn join_speaking(
        document: &Path,
        user: &str,
        version: u32,
    ) -> Result<(Client, Welcome), JoinError> {
        let stream = UnixStream::connect(socket_path(document)).map_err(|e| {
            if e.kind() == io::ErrorKind::PermissionDenied {
                JoinError::Refused(
                    "you may not write this document, so you may not join its session".into(),
                )
            } else {
                JoinError::NoSession(e)
            }
        })?;
        let mut writer = stream.try_clone().map_err(JoinError::Broken)?;
        let hello = Message::Hello {
            protocol: version,
            user: user.to_string(),
        };
        protocol::write(&mut writer, &hello).map_err(JoinError::Broken)?;
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .map_err(JoinError::Broken)?;
        let mut reader = BufReader::new(stream);
        let welcome = match protocol::read(&mut reader).map_err(JoinError::Broken)? {
            Some(Message::Welcome {
                you,
                seq,
                document,
                peers,
                epoch,
                resumes,
                ..
            }) => Welcome {
                you,
                seq,
                document,
                peers,
                epoch,
                resumes,
            },
            Some(Message::Refused { reason }) => return Err(JoinError::Refused(reason)),
            Some(other) => {
                return Err(JoinError::Refused(format!("unexpected answer: {other:?}")));
            }
            None => {
                return Err(JoinError::Broken(io::ErrorKind::UnexpectedEof.into()));
            }
        };
        let _ = reader.get_ref().set_read_timeout(None);
        let (tx, inbox) = channel();
        std::thread::spawn(move || {
            while let Ok(Some(message)) = protocol::read(&mut reader) {
                if tx.send(Some(message)).is_err() {
                    return;
                }
            }
            let _ = tx.send(None);
        });
        let outbox = writer_thread(writer);
        Ok((Client { inbox, outbox }, welcome))
    }

    /// Sends a message (queued; a closed connection shows in `inbox`).
    pub fn send(&self, message: Message) {
        let _ = self.outbox.send(message);
    }
}

/// The owner's side of the connections: the queue of each participant.
#[derive(Debug, Default)]
pub struct Peers {
    queues: HashMap<Who, Sender<Message>>,
}

impl Peers {
    /// Adds a participant's queue.
    pub fn add(&mut self, who: Who, sender: Sender<Message>) {
        self.queues.insert(who, sender);
    }

    /// Drops a participant.
    pub fn remove(&mut self, who: Who) {
        self.queues.remove(&who);
    }

    /// Sends to one participant.
    pub fn send(&self, who: Who, message: Message) {
        if let Some(queue) = self.queues.get(&who) {
            let _ = queue.send(message);
        }
    }

    /// Sends to every participant.
    pub fn broadcast(&self, message: &Message) {
        for queue in self.queues.values() {
            let _ = queue.send(message.clone());
        }
    }
}

/// A thread that writes each message sent to the returned channel to
/// `writer`, until the channel closes or a write fails; then it shuts the
/// socket's writing side so the other end sees the end.
fn writer_thread(mut writer: UnixStream) -> Sender<Message> {
    let (sender, outgoing) = channel::<Message>();
    std::thread::spawn(move || {
        for message in outgoing {
            if protocol::write(&mut writer, &message).is_err() {
                break;
            }
        }
        let _ = writer.shutdown(std::net::Shutdown::Write);
    });
    sender
}
