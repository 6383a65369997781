;;; dateline-e2e.el --- Eglot and the real `dateline serve', end to end  -*- lexical-binding: t -*-

;; Runs in a batch Emacs (Debian 12: Emacs 28.2 with elpa-eglot 1.9; Emacs 29+
;; has Eglot built in) against a copy of fixtures/corpus:
;;
;;   DATELINE_E2E_BIN=/path/to/dateline DATELINE_E2E_CORPUS=/tmp/copy-of-corpus \
;;     emacs --batch -Q -l editors/emacs/dateline-e2e.el
;;
;; It evaluates the init-file snippet of docs/editors.md ("Emacs (Eglot)"), so
;; the documented setup is the one tested, with the directory of
;; DATELINE_E2E_BIN first on `exec-path' for its "dateline".  Then it opens
;; articles/2021-11-17-border-clashes.md, lets Eglot connect, waits for the
;; diagnostics in Flymake (and for them to follow a KB file changed on disk,
;; which Eglot watches for the server), asks for hover (through Eglot's eldoc
;; function), definition (xref, jumping into kb/people.toml), references, and
;; applies the `name/variant' quick fix through `eglot-code-actions'.  Each
;; step prints "ok: STEP" on stdout; the first failure prints "FAIL: STEP: WHY"
;; with Eglot's event log on stderr and exits with status 1.  Run by
;; tests/editors_e2e.rs.  Waits are on conditions, never fixed sleeps.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defvar dateline-e2e-bin (getenv "DATELINE_E2E_BIN"))
(defvar dateline-e2e-corpus
  (and (getenv "DATELINE_E2E_CORPUS")
       (file-name-as-directory (expand-file-name (getenv "DATELINE_E2E_CORPUS")))))
(defvar dateline-e2e-timeout
  (let ((ms (string-to-number (or (getenv "DATELINE_E2E_TIMEOUT_MS") ""))))
    (if (> ms 0) (/ ms 1000.0) 30.0))
  "Seconds to wait for any one thing.")
(defvar dateline-e2e-docs
  (expand-file-name "../../docs/editors.md"
                    (file-name-directory (or load-file-name buffer-file-name))))

(defvar dateline-e2e--article nil "The article's buffer.")
(defvar dateline-e2e--server nil "The Eglot server.")

(defun dateline-e2e--out (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n")))

(defun dateline-e2e--dump-logs ()
  "Eglot's event log and the server's stderr, on stderr."
  (dolist (buffer (buffer-list))
    (when (string-match-p "EGLOT.*\\(events\\|stderr\\)" (buffer-name buffer))
      (with-current-buffer buffer
        (message "---- %s (last 6000 characters)\n%s" (buffer-name buffer)
                 (buffer-substring-no-properties
                  (max (point-min) (- (point-max) 6000)) (point-max)))))))

(defmacro dateline-e2e-step (name &rest body)
  "Run BODY as the step NAME: print ok, or FAIL and exit 1."
  (declare (indent 1))
  `(condition-case err
       (progn ,@body (dateline-e2e--out "ok: %s" ,name))
     (t (dateline-e2e--out "FAIL: %s: %s" ,name (error-message-string err))
        (dateline-e2e--dump-logs)
        (kill-emacs 1))))

(defun dateline-e2e--check (condition format-string &rest args)
  (unless condition
    (error "%s" (apply #'format format-string args))))

(defun dateline-e2e--eq (actual expected what)
  (dateline-e2e--check (equal actual expected) "%s: expected %S, got %S" what expected actual))

(defun dateline-e2e--wait (what predicate &optional describe)
  "Process events until PREDICATE returns non-nil; fail after the timeout.
`read-event' with a timeout, unlike `accept-process-output', also handles the
file notifications behind Eglot's `didChangeWatchedFiles' in a batch Emacs
\(stdin is /dev/null, so there is nothing else to read)."
  (let ((deadline (+ (float-time) dateline-e2e-timeout)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (read-event nil nil 0.02))
    (unless (funcall predicate)
      (error "Timed out after %ss waiting for %s%s" dateline-e2e-timeout what
             (if describe (format "; last seen: %S" (funcall describe)) "")))))

(defun dateline-e2e--goto (needle &optional nth offset)
  "Move point to the NTH (1-based) NEEDLE in the buffer, plus OFFSET characters."
  (goto-char (point-min))
  (dateline-e2e--check (search-forward needle nil t (or nth 1)) "%S is not in %s" needle (buffer-name))
  (goto-char (+ (match-beginning 0) (or offset 0))))

(defun dateline-e2e--docs-snippet ()
  "The first elisp block of the \"Emacs (Eglot)\" section of docs/editors.md."
  (with-temp-buffer
    (insert-file-contents dateline-e2e-docs)
    (dateline-e2e--check (re-search-forward "^## Emacs (Eglot)$" nil t) "no Emacs section in %s" dateline-e2e-docs)
    (dateline-e2e--check (re-search-forward "^```elisp\n" nil t) "no elisp block in the Emacs section")
    (let ((start (point)))
      (re-search-forward "^```$")
      (buffer-substring-no-properties start (match-beginning 0)))))

(defun dateline-e2e--eval-string (code)
  (with-temp-buffer
    (insert code)
    (goto-char (point-min))
    (condition-case nil
        (while t (eval (read (current-buffer)) t))
      (end-of-file nil))))

(defun dateline-e2e--diagnostics (&optional buffer)
  "Flymake's diagnostics in BUFFER as sorted \"LINE:COLUMN CODE\" strings."
  (with-current-buffer (or buffer dateline-e2e--article)
    (let (found)
      (dolist (d (flymake-diagnostics))
        (let* ((beg (flymake-diagnostic-beg d))
               (text (flymake-diagnostic-text d))
               (code (and (string-match "\\[\\([^]]+\\)\\]" text) (match-string 1 text))))
          (save-excursion
            (goto-char beg)
            (push (list (line-number-at-pos) (1+ (- beg (line-beginning-position))) code) found))))
      (mapcar (lambda (d) (format "%d:%d %s" (nth 0 d) (nth 1 d) (nth 2 d)))
              (sort found (lambda (a b)
                            (or (< (nth 0 a) (nth 0 b))
                                (and (= (nth 0 a) (nth 0 b))
                                     (or (< (nth 1 a) (nth 1 b))
                                         (and (= (nth 1 a) (nth 1 b))
                                              (string< (nth 2 a) (nth 2 b))))))))))))

(defun dateline-e2e--wait-for-diagnostics (what expected)
  (dateline-e2e--wait what
                      (lambda () (equal (dateline-e2e--diagnostics) expected))
                      #'dateline-e2e--diagnostics))

(defun dateline-e2e--managed-p (buffer)
  "Whether Eglot manages BUFFER with the article's server."
  (with-current-buffer buffer
    (and (bound-and-true-p eglot--managed-mode)
         (eq (eglot-current-server) dateline-e2e--server))))

(defun dateline-e2e--command-loop ()
  "What the command loop does after a command, which a batch Emacs never does:
run `post-command-hook' (where `eglot-ensure' connects), then, as the user
goes idle, the idle timers (where Eglot sends `didChange')."
  (run-hooks 'post-command-hook)
  (dolist (timer (copy-sequence timer-idle-list))
    (when (memq timer timer-idle-list)
      (timer-event-handler timer))))

(dateline-e2e-step "environment"
  (dateline-e2e--check (and dateline-e2e-bin (file-executable-p dateline-e2e-bin))
                       "DATELINE_E2E_BIN=%S is not an executable" dateline-e2e-bin)
  (dateline-e2e--check (and dateline-e2e-corpus
                            (file-exists-p (expand-file-name "dateline.toml" dateline-e2e-corpus)))
                       "DATELINE_E2E_CORPUS=%S has no dateline.toml" dateline-e2e-corpus)
  ;; The documented snippet runs "dateline": find it the way a user's PATH would.
  (let ((dir (file-name-directory (expand-file-name dateline-e2e-bin))))
    (push dir exec-path)
    (setenv "PATH" (concat dir path-separator (getenv "PATH"))))
  ;; Emacs 28 with Debian's elpa-eglot: -Q skips the site startup that would
  ;; activate the packages in /usr/share/emacs/site-lisp/elpa.
  (unless (require 'eglot nil t)
    (require 'package)
    (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
    (package-initialize)
    (require 'eglot))
  (require 'flymake)
  (require 'xref)
  (dateline-e2e--out "info: Emacs %s, Eglot %s" emacs-version
                     (or (ignore-errors
                           (with-temp-buffer
                             (insert-file-contents (locate-library "eglot.el"))
                             (and (re-search-forward "^;; Version: \\(.+\\)$" nil t) (match-string 1))))
                         (bound-and-true-p eglot-version) "?")))

(dateline-e2e-step "the docs' init snippet"
  (dateline-e2e--eval-string (dateline-e2e--docs-snippet))
  (dateline-e2e--check (cl-some (lambda (e) (and (consp (cdr e)) (equal (cadr e) "dateline"))) eglot-server-programs)
                       "no dateline entry in eglot-server-programs: %S" eglot-server-programs))

(dateline-e2e-step "open the article and connect"
  (find-file (expand-file-name "articles/2021-11-17-border-clashes.md" dateline-e2e-corpus))
  (setq dateline-e2e--article (current-buffer))
  (dateline-e2e--check (derived-mode-p 'text-mode) "major mode %s is not a text mode" major-mode)
  (dateline-e2e--command-loop)
  (dateline-e2e--wait "Eglot to manage the article"
                      (lambda () (with-current-buffer dateline-e2e--article
                                   (bound-and-true-p eglot--managed-mode))))
  (setq dateline-e2e--server (eglot-current-server))
  (dateline-e2e--eq (file-name-as-directory (expand-file-name (project-root (eglot--project dateline-e2e--server))))
                    dateline-e2e-corpus
                    "project root (the folder with dateline.toml)")
  (dateline-e2e--eq (eglot--language-id dateline-e2e--server) "markdown" "language id")
  (dateline-e2e--eq (plist-get (eglot--server-info dateline-e2e--server) :name) "dateline" "server name"))

(dateline-e2e-step "diagnostics"
  (dateline-e2e--wait-for-diagnostics
   "the four findings of expected.txt"
   '("7:28 date/cross-article" "14:16 name/variant" "15:59 name/variant" "19:31 name/inconsistent"))
  (with-current-buffer dateline-e2e--article
    (dateline-e2e--goto "Nikol Pashinian")
    (let ((here (flymake-diagnostics (point))))
      (dateline-e2e--eq (length here) 1 "diagnostics at \"Nikol Pashinian\"")
      (dateline-e2e--eq (flymake-diagnostic-text (car here))
                        "dateline [name/variant]: `Nikol Pashinian` is a variant of `Nikol Pashinyan`; write `Nikol Pashinyan`"
                        "message")
      (dateline-e2e--eq (flymake-diagnostic-type (car here)) 'eglot-warning "type")
      (dateline-e2e--eq (- (flymake-diagnostic-end (car here)) (point)) (length "Nikol Pashinian") "length"))))

;; Eglot watches files for the server (`client/registerCapability' of
;; `workspace/didChangeWatchedFiles'): a KB file changed on disk, not in Emacs,
;; reaches the server, and the article's diagnostics follow it.
(dateline-e2e-step "a KB change on disk"
  (let* ((kb (expand-file-name "kb/people.toml" dateline-e2e-corpus))
         (original (with-temp-buffer (insert-file-contents-literally kb) (buffer-string)))
         (accepted (thread-last original
                     (string-replace "\naliases = [\"Pashinyan\"]\n"
                                     "\naliases = [\"Pashinyan\", \"Nikol Pashinian\", \"Pashinian\"]\n")
                     (string-replace "\nvariants = [\"Nikol Pashinian\", \"Pashinian\"]\n" "\n"))))
    (dateline-e2e--check (> (hash-table-count (eglot--file-watches dateline-e2e--server)) 0)
                         "the server asked Eglot to watch nothing")
    (dateline-e2e--check (and (not (equal accepted original)) (not (string-search "variants = [\"Nikol Pashinian\"" accepted)))
                         "the KB entry of nikol-pashinyan has changed; update this test")
    ;; The corpus decides "Pashinian" is fine: both spellings become aliases.
    (let ((coding-system-for-write 'no-conversion))
      (write-region accepted nil kb nil 'silent))
    (dateline-e2e--wait-for-diagnostics
     "the name/variant findings to go after the KB changed on disk"
     '("7:28 date/cross-article" "19:31 name/inconsistent"))
    (let ((coding-system-for-write 'no-conversion))
      (write-region original nil kb nil 'silent))
    (dateline-e2e--wait-for-diagnostics
     "them to come back after the KB was restored"
     '("7:28 date/cross-article" "14:16 name/variant" "15:59 name/variant" "19:31 name/inconsistent"))))

(dateline-e2e-step "hover"
  (with-current-buffer dateline-e2e--article
    ;; The last letter of "Akar", on a line that starts with "Türkiye".
    (dateline-e2e--goto "Hulusi Akar" 1 (1- (length "Hulusi Akar")))
    (let (done info)
      ;; What eldoc does when point rests on a mention.
      (eglot-hover-eldoc-function (lambda (doc &rest _) (setq done t info doc)))
      (dateline-e2e--wait "the hover" (lambda () done))
      (dateline-e2e--check (stringp info) "no hover: %S" info)
      (dateline-e2e--check (string-prefix-p "**Hulusi Akar** · person" info) "hover card: %s" info)
      (dateline-e2e--check (string-search "Minister of National Defence of Türkiye (2018-07-10 – 2023-06-04)" info)
                           "the role held on the article's date is missing: %s" info))))

(dateline-e2e-step "definition"
  (with-current-buffer dateline-e2e--article
    (dateline-e2e--goto "Hulusi Akar" 1 2)
    (let* ((xrefs (xref-backend-definitions 'eglot (xref-backend-identifier-at-point 'eglot)))
           (location (and xrefs (xref-item-location (car xrefs)))))
      (dateline-e2e--eq (length xrefs) 1 "definitions")
      (dateline-e2e--eq (expand-file-name (xref-location-group location))
                        (expand-file-name "kb/people.toml" dateline-e2e-corpus) "definition file")))
  ;; M-. : jumps to the one definition.
  (set-buffer dateline-e2e--article)
  (xref-find-definitions "LSP identifier at point")
  (dateline-e2e--eq (buffer-file-name) (expand-file-name "kb/people.toml" dateline-e2e-corpus) "file after M-.")
  (dateline-e2e--eq (buffer-substring-no-properties (point) (line-end-position)) "\"hulusi-akar\"" "text from point")
  (dateline-e2e--eq (buffer-substring-no-properties (line-beginning-position) (line-end-position))
                    "id = \"hulusi-akar\"" "line at point")
  ;; The KB buffer joins the same server: one per corpus.
  (let ((kb (current-buffer)))
    (dateline-e2e--command-loop)
    (dateline-e2e--wait "the KB buffer to join the article's server"
                        (lambda () (dateline-e2e--managed-p kb)))
    (dateline-e2e--eq (length (eglot--managed-buffers dateline-e2e--server)) 2 "buffers managed by the server")
    (dateline-e2e--eq (length (gethash (eglot--project dateline-e2e--server) eglot--servers-by-project)) 1
                      "servers for the corpus"))
  (switch-to-buffer dateline-e2e--article))

(dateline-e2e-step "references"
  (with-current-buffer dateline-e2e--article
    (dateline-e2e--goto "Hulusi Akar")
    (let* ((xrefs (xref-backend-references 'eglot (xref-backend-identifier-at-point 'eglot)))
           (files (mapcar (lambda (x) (file-relative-name (expand-file-name (xref-location-group (xref-item-location x)))
                                                          dateline-e2e-corpus))
                          xrefs))
           (counts nil))
      (dolist (file files)
        (let ((cell (assoc file counts)))
          (if cell (setcdr cell (1+ (cdr cell))) (push (cons file 1) counts))))
      (dateline-e2e--eq (sort counts (lambda (a b) (string< (car a) (car b))))
                        '(("articles/2016-06-08-akar-in-baku.md" . 3)
                          ("articles/2018-07-10-new-chief.txt" . 1)
                          ("articles/2020-11-10-ceasefire.md" . 1)
                          ("articles/2021-10-05-defence-chiefs-in-georgia.md" . 1)
                          ("articles/2021-11-05-victory-reception.md" . 2)
                          ("articles/2021-11-17-border-clashes.md" . 1)
                          ("articles/2023-09-21-karabakh-offensive.md" . 1)
                          ("articles/impossible-date.md" . 1)
                          ("kb/people.toml" . 1))
                        "references per file"))))

(dateline-e2e-step "code action"
  (with-current-buffer dateline-e2e--article
    (dateline-e2e--goto "Nikol Pashinian")
    (let ((before (with-temp-buffer (insert-file-contents (buffer-file-name dateline-e2e--article)) (buffer-string)))
          (beg (point))
          offered)
      ;; M-x eglot-code-actions at the diagnostic, picking the replacement.
      (cl-letf (((symbol-function 'completing-read)
                 (lambda (_prompt collection &rest _)
                   (setq offered (all-completions "" collection))
                   "Replace with `Nikol Pashinyan`"))
                (last-nonmenu-event ?\r))
        (eglot-code-actions beg (+ beg (length "Nikol Pashinian")) nil t))
      (dateline-e2e--command-loop)
      (dateline-e2e--check (member "Replace with `Nikol Pashinyan`" offered) "actions offered: %S" offered)
      (dateline-e2e--eq (buffer-substring-no-properties (line-beginning-position) (line-end-position))
                        "Prime Minister Nikol Pashinyan asked Russia for help under the Collective Security Treaty"
                        "line after the edit")
      (dateline-e2e--check (buffer-modified-p) "the edit should leave the buffer modified")
      (dateline-e2e--eq (with-temp-buffer (insert-file-contents (buffer-file-name dateline-e2e--article)) (buffer-string))
                        before "the file on disk")))
  ;; The server saw the change: that finding goes; the lone "Pashinian" is now
  ;; also a second spelling beside "Nikol Pashinyan".
  (dateline-e2e--wait-for-diagnostics
   "the fixed diagnostic to disappear"
   '("7:28 date/cross-article" "15:59 name/inconsistent" "15:59 name/variant" "19:31 name/inconsistent")))

(dateline-e2e-step "shutdown"
  (let ((process (jsonrpc--process dateline-e2e--server)))
    ;; Signals an error unless the server answers `shutdown' in time.  (Eglot
    ;; then sends `exit' and deletes the process without waiting for it to
    ;; exit on its own, so the exit status says nothing here.)
    (eglot-shutdown dateline-e2e--server)
    (dateline-e2e--wait "the server process to end" (lambda () (not (process-live-p process))))))

(kill-emacs 0)

;;; dateline-e2e.el ends here
