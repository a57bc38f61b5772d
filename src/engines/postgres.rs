//! A real PostgreSQL server, used without ever writing into the database the
//! URL names: `verify` connects there only to create, list and drop its own
//! scratch databases, and replays inside those.
//!
//! Scratch names are `dal_audit_<host>_<pid>_<random>`: a run drops its own
//! at the end, on error (`Drop`), on Ctrl-C and SIGTERM (a signal handler);
//! after a SIGKILL nothing can run, so the next run on the same host drops
//! the ones whose process is gone (`drop_stale`). The URL's password is
//! never printed: every message goes through `Server::mask`.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use postgres::{Client, Config, NoTls};

use crate::diagnostic::Engine;
use crate::engines::schema::{Column, Index, Schema, Table};
use crate::engines::{Database, EngineError};

/// What every scratch database's name starts with.
pub const SCRATCH_PREFIX: &str = "dal_audit_";

/// SQLSTATE `insufficient_privilege`.
const INSUFFICIENT_PRIVILEGE: &str = "42501";

/// The server named by a URL, through a maintenance connection to the URL's
/// own database (which is never written to).
pub struct Server {
    config: Config,
    admin: Client,
    /// The URL with its password masked, for messages.
    pub shown: String,
    password: Option<String>,
}

/// Why the server cannot be used. `Privilege` exits with a usage error.
#[derive(Debug)]
pub enum ServerError {
    Connect(String),
    Privilege(String),
    Other(String),
}

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServerError::Connect(m) | ServerError::Privilege(m) | ServerError::Other(m) => {
                f.write_str(m)
            }
        }
    }
}

impl Server {
    pub fn connect(url: &str) -> Result<Server, ServerError> {
        let shown = mask_url(url);
        let password = password_of(url);
        let hide = |text: String| mask_text(&text, password.as_deref());
        let config: Config = url.parse().map_err(|e: postgres::Error| {
            ServerError::Connect(hide(format!("`{shown}` is not a PostgreSQL URL: {e}")))
        })?;
        let admin = config.connect(NoTls).map_err(|e| {
            ServerError::Connect(hide(format!(
                "cannot connect to PostgreSQL at `{shown}`: {}",
                describe_pg(&e)
            )))
        })?;
        Ok(Server {
            config,
            admin,
            shown,
            password,
        })
    }

    /// `text` with the URL's password replaced by `***`.
    pub fn mask(&self, text: &str) -> String {
        mask_text(text, self.password.as_deref())
    }

    /// The server's version (`15.18`).
    pub fn version(&mut self) -> Result<String, String> {
        let row = self
            .admin
            .query_one("SHOW server_version", &[])
            .map_err(|e| self.mask(&describe_pg(&e)))?;
        Ok(row.get::<_, String>(0))
    }

    /// Drops the scratch databases of this host whose process is gone (a
    /// run killed with SIGKILL); returns their names.
    pub fn drop_stale(&mut self) -> Result<Vec<String>, String> {
        let rows = self
            .admin
            .query(
                "SELECT datname FROM pg_database WHERE datname LIKE 'dal\\_audit\\_%'",
                &[],
            )
            .map_err(|e| self.mask(&describe_pg(&e)))?;
        let host = host_id();
        let mut dropped = Vec::new();
        for row in rows {
            let name: String = row.get(0);
            let Some((owner_host, pid)) = parse_scratch_name(&name) else {
                continue;
            };
            if owner_host == host && !process_alive(pid) {
                drop_database(&mut self.admin, &name).map_err(|e| self.mask(&e))?;
                dropped.push(name);
            }
        }
        Ok(dropped)
    }

    /// Creates a scratch database and connects to it. It is dropped when the
    /// returned value is, and by the signal handler on Ctrl-C or SIGTERM.
    pub fn scratch(&mut self) -> Result<Scratch<'_>, ServerError> {
        let name = scratch_name();
        if let Err(e) = self
            .admin
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
        {
            let user = self.config.get_user().unwrap_or("?").to_string();
            let shown = &self.shown;
            return Err(if sqlstate(&e).as_deref() == Some(INSUFFICIENT_PRIVILEGE) {
                ServerError::Privilege(self.mask(&format!(
                    "the role `{user}` may not create databases at `{shown}`: verify replays in a scratch database it creates and drops (it never writes into the database the URL names). Grant it with `ALTER ROLE \"{user}\" CREATEDB`, or give a URL with a role that has CREATEDB"
                )))
            } else {
                ServerError::Other(self.mask(&format!(
                    "cannot create a scratch database at `{shown}`: {}",
                    describe_pg(&e)
                )))
            });
        }
        register(&self.config, &name);
        let mut config = self.config.clone();
        config.dbname(&name);
        let client = match config.connect(NoTls) {
            Ok(client) => client,
            Err(e) => {
                let message = self.mask(&format!(
                    "cannot connect to the scratch database: {}",
                    describe_pg(&e)
                ));
                let _ = drop_database(&mut self.admin, &name);
                unregister(&name);
                return Err(ServerError::Other(message));
            }
        };
        Ok(Scratch {
            server: self,
            name,
            client: Some(client),
        })
    }
}

/// A scratch database and a connection to it; dropped with the value.
pub struct Scratch<'a> {
    server: &'a mut Server,
    pub name: String,
    client: Option<Client>,
}

impl Drop for Scratch<'_> {
    fn drop(&mut self) {
        // Close our own connection first; FORCE ends any other.
        drop(self.client.take());
        if let Err(e) = drop_database(&mut self.server.admin, &self.name) {
            eprintln!(
                "dal-audit: could not drop the scratch database `{}`: {}",
                self.name,
                self.server.mask(&e)
            );
        }
        unregister(&self.name);
    }
}

impl Database for Scratch<'_> {
    fn engine(&self) -> Engine {
        Engine::Postgres
    }

    fn execute(&mut self, sql: &str) -> Result<(), EngineError> {
        let client = self.client.as_mut().expect("open until dropped");
        client.batch_execute(sql).map_err(|e| {
            let message = match e.as_db_error() {
                Some(db) => db.message().to_string(),
                None => describe_pg(&e),
            };
            EngineError::new(self.server.mask(&message), sqlstate(&e))
        })
    }

    fn schema(&mut self) -> Result<Schema, String> {
        let client = self.client.as_mut().expect("open until dropped");
        read_schema(client)
            .map_err(|e| format!("cannot read PostgreSQL's schema: {}", describe_pg(&e)))
    }
}

fn sqlstate(error: &postgres::Error) -> Option<String> {
    error.code().map(|c| c.code().to_string())
}

/// A server error's message (with its detail); other errors as they print.
fn describe_pg(error: &postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => format!("{} (SQLSTATE {})", db.message(), db.code().code()),
        None => error.to_string(),
    }
}

fn drop_database(admin: &mut Client, name: &str) -> Result<(), String> {
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .map_err(|e| describe_pg(&e))
}

// ---- names ----

fn scratch_name() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    let random = hasher.finish() as u32;
    format!(
        "{SCRATCH_PREFIX}{}_{}_{random:08x}",
        host_id(),
        std::process::id()
    )
}

/// `(host, pid)` of a scratch name.
pub fn parse_scratch_name(name: &str) -> Option<(String, u32)> {
    let rest = name.strip_prefix(SCRATCH_PREFIX)?;
    let mut parts = rest.split('_');
    let host = parts.next()?;
    let pid = parts.next()?.parse().ok()?;
    let random = parts.next()?;
    (host.len() == 8 && random.len() == 8 && parts.next().is_none())
        .then(|| (host.to_string(), pid))
}

/// Eight hex digits naming this machine (FNV-1a of its host name), so a run
/// only ever judges the processes of its own host.
fn host_id() -> String {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .unwrap_or_else(|_| "localhost".into());
    let mut hash: u32 = 0x811c_9dc5;
    for byte in name.trim().bytes() {
        hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    format!("{hash:08x}")
}

fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // Signal 0 only checks that the process exists (EPERM: it does, not ours).
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

// ---- passwords ----

/// The URL with its password replaced by `***` (`postgres://u:***@h/db`,
/// or `password=***` in a key-value string).
pub fn mask_url(url: &str) -> String {
    if let Some(scheme_end) = url.find("://") {
        let rest = &url[scheme_end + 3..];
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        if let Some(at) = rest[..authority_end].rfind('@') {
            let userinfo = &rest[..at];
            if let Some(colon) = userinfo.find(':') {
                return format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &userinfo[..colon],
                    &rest[at..]
                );
            }
        }
        return mask_query_password(url);
    }
    let words: Vec<String> = url
        .split_whitespace()
        .map(|w| match w.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => w.to_string(),
        })
        .collect();
    words.join(" ")
}

fn mask_query_password(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|p| match p.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => p.to_string(),
        })
        .collect();
    format!("{base}?{}", pairs.join("&"))
}

/// The password a URL carries, as written and percent-decoded.
fn password_of(url: &str) -> Option<String> {
    let config: Config = url.parse().ok()?;
    let password = config.get_password()?;
    Some(String::from_utf8_lossy(password).into_owned())
}

/// `text` with every occurrence of `password` replaced by `***`.
pub fn mask_text(text: &str, password: Option<&str>) -> String {
    match password {
        Some(p) if !p.is_empty() => text.replace(p, "***"),
        _ => text.to_string(),
    }
}

// ---- cleanup on signals ----

/// The scratch databases that exist now, for the signal handler.
static ACTIVE: Mutex<Vec<(Config, String)>> = Mutex::new(Vec::new());

fn register(config: &Config, name: &str) {
    if let Ok(mut active) = ACTIVE.lock() {
        active.push((config.clone(), name.to_string()));
    }
}

fn unregister(name: &str) {
    if let Ok(mut active) = ACTIVE.lock() {
        active.retain(|(_, n)| n != name);
    }
}

/// Set when Ctrl-C or SIGTERM arrived: the handler is dropping the scratch
/// databases and will exit with 130.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Whether a signal handler is tearing the run down. Dropping a scratch
/// database ends its connections, so the replay then fails; a caller that
/// sees this must leave the exit (130) to the handler, not report that failure.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Installs the handler that drops every live scratch database on Ctrl-C
/// or SIGTERM, then exits with 130. Once per process.
pub fn drop_scratch_on_signals() -> Result<(), String> {
    ctrlc::set_handler(|| {
        INTERRUPTED.store(true, Ordering::SeqCst);
        let active = ACTIVE.lock().map(|a| a.clone()).unwrap_or_default();
        for (config, name) in active {
            let dropped = config
                .connect(NoTls)
                .map_err(|e| describe_pg(&e))
                .and_then(|mut admin| drop_database(&mut admin, &name));
            match dropped {
                Ok(()) => eprintln!("dal-audit: interrupted; dropped the scratch database `{name}`"),
                Err(_) => eprintln!("dal-audit: interrupted; could not drop the scratch database `{name}` (the next run drops it)"),
            }
        }
        std::process::exit(130);
    })
    .map_err(|e| format!("cannot install the signal handler: {e}"))
}

fn read_schema(client: &mut Client) -> Result<Schema, postgres::Error> {
    let mut schema = Schema::default();
    let user_schemas =
        "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'";
    let tables = client.query(
        &format!("SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND {user_schemas} ORDER BY c.relname"),
        &[],
    )?;
    for row in tables {
        let oid: postgres::types::Oid = row.get(0);
        let name: String = row.get(1);
        let mut table = Table::default();
        let columns = client.query(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid) \
             FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
             WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
            &[&oid],
        )?;
        for column in columns {
            table.columns.push(Column {
                name: column.get::<_, String>(0).to_lowercase(),
                declared: column.get(1),
                not_null: column.get(2),
                default: column.get(3),
            });
        }
        let indexes = client.query(
            "SELECT i.indisprimary, i.indisunique, ARRAY(SELECT coalesce(a.attname::text, '<expression>') FROM unnest(i.indkey) WITH ORDINALITY k(n, o) LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o) \
             FROM pg_index i WHERE i.indrelid = $1",
            &[&oid],
        )?;
        for index in indexes {
            let columns: Vec<String> = index
                .get::<_, Vec<String>>(2)
                .into_iter()
                .map(|c| c.to_lowercase())
                .collect();
            if index.get::<_, bool>(0) {
                table.primary_key = columns;
            } else {
                table.indexes.insert(Index {
                    unique: index.get(1),
                    columns,
                });
            }
        }
        schema.tables.insert(name.to_lowercase(), table);
    }
    Ok(schema)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_masked_in_urls_and_text() {
        assert_eq!(
            mask_url("postgres://me:s3cr%40t@db:5432/app"),
            "postgres://me:***@db:5432/app"
        );
        assert_eq!(
            mask_url("postgres://me@db/app?password=hunter2&x=1"),
            "postgres://me@db/app?password=***&x=1"
        );
        assert_eq!(
            mask_url("host=db user=me password=hunter2"),
            "host=db user=me password=***"
        );
        assert_eq!(mask_url("postgres://db/app"), "postgres://db/app");
        assert_eq!(
            password_of("postgres://me:s3cr%40t@db/app").as_deref(),
            Some("s3cr@t")
        );
        assert_eq!(
            mask_text("failed for s3cr@t", Some("s3cr@t")),
            "failed for ***"
        );
    }

    #[test]
    fn scratch_names_carry_host_and_process() {
        let name = scratch_name();
        let (host, pid) = parse_scratch_name(&name).expect(&name);
        assert_eq!((host, pid), (host_id(), std::process::id()));
        assert!(name.len() < 64, "PostgreSQL truncates names at 63 bytes");
        assert!(parse_scratch_name("dal_audit_x").is_none());
        assert!(process_alive(std::process::id()));
    }
}
