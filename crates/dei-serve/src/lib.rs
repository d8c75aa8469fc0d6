//! # dei-serve
//!
//! `dei serve [FOLDER]`: a local web application over a folder of answers files (SPEC §17).
//! People fill in an assessment section by section in the browser; the files stay the store
//! and the interchange format.
//!
//! The pipeline of a request: [`security`] (Host, session cookie from a one-time token,
//! forgery checks, headers, body limit) → a handler in `pages` (or `files`: history and
//! restore, details, rename, fixing a file that does not validate) → the library (the
//! questionnaire model, the answers checker, scoring, `dei-report`) → a minijinja template
//! from `templates/`, compiled in, auto-escaped → HTML. Saving goes through [`store`]: the
//! posted fields become an answers file, the library checks it, and only a file that checks is
//! written (history first, then an atomic rename).
//!
//! ```no_run
//! let options = dei_serve::Options {
//!     folder: "checklists/samples".into(),
//!     port: None,
//!     language: None,
//! };
//! dei_serve::serve(&options).unwrap();
//! ```

mod files;
pub mod form;
mod pages;
pub mod security;
pub mod store;
mod ui;

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::routing::{get, post};

/// Largest request body: a section's answers with long comments fit many times over.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Threads of tokio's blocking pool (where every page reads, checks and writes files) per core.
pub const BLOCKING_THREADS_PER_CORE: usize = 4;

/// How `dei serve` was started.
#[derive(Clone, Debug)]
pub struct Options {
    /// The folder of answers files.
    pub folder: PathBuf,
    /// The port, or `None` for a free one.
    pub port: Option<u16>,
    /// The language of the pages (default: each checklist's default language).
    pub language: Option<String>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StartError(pub String);

impl StartError {
    /// The message in Dutch when `dutch` (the `--lang` of the command line: these messages come
    /// before any checklist is read), else in English.
    fn new(dutch: bool, english: String, dutch_text: String) -> StartError {
        StartError(if dutch { dutch_text } else { english })
    }
}

/// One browser session: the cookie value maps to it.
#[derive(Clone, Debug)]
pub struct Session {
    /// The forgery token every form of this session carries.
    pub csrf: String,
}

/// The state every request shares.
pub struct App {
    /// The served folder, canonical.
    pub folder: PathBuf,
    /// `127.0.0.1:PORT`: the only Host accepted.
    pub host: String,
    /// `http://127.0.0.1:PORT`: the only Origin accepted on a POST.
    pub origin: String,
    /// The one-time token of the printed URL; `None` once used.
    pub token: Mutex<Option<String>>,
    /// Sessions by cookie value.
    pub sessions: Mutex<HashMap<String, Session>>,
    /// The language asked for on the command line.
    pub language: Option<String>,
    /// Saves are serialised: read, compare versions, check and write happen as one step.
    pub write_lock: Mutex<()>,
    templates: minijinja::Environment<'static>,
    /// The built-in checklists, parsed and checked once at start. Every request starts from a
    /// clone (cheap: the checklists are shared), so a page costs no checklist parse; a
    /// checklist file in the folder is still read per request, so an edit to it shows at once.
    builtins: dei_core::Library,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("folder", &self.folder)
            .field("host", &self.host)
            .finish_non_exhaustive()
    }
}

impl App {
    /// The state for `folder` served on `port` with the one-time `token`.
    pub fn new(
        folder: &Path,
        port: u16,
        token: String,
        language: Option<String>,
    ) -> Result<App, StartError> {
        let dutch = language.as_deref().is_some_and(dei_core::is_dutch);
        let folder = folder.canonicalize().map_err(|error| {
            let (why, waarom) = dei_core::fs::plain_io_error(&error);
            StartError::new(
                dutch,
                format!("{}: the folder cannot be opened: {why}", folder.display()),
                format!(
                    "{}: de map kan niet worden geopend: {waarom}",
                    folder.display()
                ),
            )
        })?;
        if !folder.is_dir() {
            return Err(StartError::new(
                dutch,
                format!(
                    "{}: dei serve needs a folder of answers files, not a file",
                    folder.display()
                ),
                format!(
                    "{}: dei serve heeft een map met antwoordbestanden nodig, geen bestand",
                    folder.display()
                ),
            ));
        }
        Ok(App {
            folder,
            host: format!("{}:{port}", Ipv4Addr::LOCALHOST),
            origin: format!("http://{}:{port}", Ipv4Addr::LOCALHOST),
            token: Mutex::new(Some(token)),
            sessions: Mutex::new(HashMap::new()),
            language,
            write_lock: Mutex::new(()),
            templates: pages::environment(),
            builtins: builtins_loaded(),
        })
    }

    /// A library for one request: the built-in checklists already loaded.
    pub fn library(&self) -> dei_core::Library {
        self.builtins.clone()
    }
}

/// A library holding every built-in checklist (they always load: a test of dei-core pins it).
fn builtins_loaded() -> dei_core::Library {
    let mut library = dei_core::Library::with_resolver(dei_core::fs::FsResolver);
    for (id, _) in dei_core::library::builtin_checklists() {
        let _ = library.checklist(id, None);
    }
    library
}

/// A random token of 32 bytes as hex (from the operating system's generator).
///
/// # Panics
///
/// When the operating system has no random generator: no safe session is possible then.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // Without randomness there is no safe session: refusing to start is the only option.
    getrandom::fill(&mut bytes).expect("the operating system's random generator failed");
    bytes.iter().fold(String::with_capacity(64), |mut out, b| {
        use std::fmt::Write as _;
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Every route, behind the security layers.
pub fn router(app: Arc<App>) -> Router {
    let routes = Router::new()
        .route("/", get(pages::index))
        .route("/new", post(pages::create))
        .route("/static/app.css", get(pages::stylesheet))
        .route("/static/app.js", get(pages::script))
        .route("/a/{file}", get(pages::assessment))
        .route("/a/{file}/adopt", post(pages::adopt))
        .route(
            "/a/{file}/s/{section}",
            get(pages::section).post(pages::save),
        )
        .route("/a/{file}/s/{section}/scope", post(pages::scope))
        .route(
            "/a/{file}/details",
            get(files::details).post(files::save_details),
        )
        .route("/a/{file}/history", get(files::history))
        .route("/a/{file}/history/{version}", get(files::version))
        .route("/a/{file}/history/{version}/restore", post(files::restore))
        .route("/a/{file}/fix", get(files::fix).post(files::save_fix))
        .route("/a/{file}/rename", post(files::rename))
        .route("/a/{file}/report", get(pages::report))
        .route("/a/{file}/progress", get(pages::progress))
        .route("/a/{file}/download/{format}", get(pages::download))
        .fallback(pages::not_found)
        .with_state(Arc::clone(&app));
    security::layers(routes, app)
}

/// Starts the server and blocks until Ctrl-C: binds 127.0.0.1 (a free port unless `port` is
/// given), prints the URL with its one-time token on standard output.
pub fn serve(options: &Options) -> Result<(), StartError> {
    let dutch = options.language.as_deref().is_some_and(dei_core::is_dutch);
    // Every page does its file work on the blocking pool, and tokio's default pool grows to
    // 512 threads: under 50 concurrent saves (which queue on the one write lock anyway) it grew
    // to 193 threads and about 800 MB. A few threads per core keep the disk and the checker
    // busy; more only wait on the lock, each holding a stack and a parsed file.
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(BLOCKING_THREADS_PER_CORE * cores)
        .enable_all()
        .build()
        .map_err(|error| {
            StartError::new(
                dutch,
                format!("the server cannot start: {error}"),
                format!("de server kan niet starten: {error}"),
            )
        })?;
    runtime.block_on(async {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, options.port.unwrap_or(0)));
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|error| {
                StartError::new(
                    dutch,
                    format!("{address}: cannot listen: {error}"),
                    format!("{address}: kan niet luisteren: {error}"),
                )
            })?;
        let port = listener
            .local_addr()
            .map_err(|error| {
                StartError::new(
                    dutch,
                    format!("cannot read the port: {error}"),
                    format!("kan de poort niet lezen: {error}"),
                )
            })?
            .port();
        let token = random_token();
        let app = Arc::new(App::new(
            &options.folder,
            port,
            token.clone(),
            options.language.clone(),
        )?);
        if dutch {
            println!(
                "dei serve: {} op http://127.0.0.1:{port}/?token={token}\nOpen dat adres in je browser (het werkt één keer). Stop met Ctrl-C.",
                app.folder.display()
            );
        } else {
            println!(
                "dei serve: {} on http://127.0.0.1:{port}/?token={token}\nOpen that address in your browser (it works once). Stop with Ctrl-C.",
                app.folder.display()
            );
        }
        axum::serve(listener, router(app))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|error| {
                StartError::new(
                    dutch,
                    format!("the server stopped: {error}"),
                    format!("de server is gestopt: {error}"),
                )
            })
    })
}
