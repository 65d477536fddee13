" Vim compiler file for Dossier: `:compiler dossier`, then `:make` checks the
" current draft against the corpus with `dossier check` and fills the quickfix
" list, each finding with its type (E an altered quotation, W an unverified
" sentence or a quotation found nowhere, I the rest with `:make --all`).
" The corpus is the plugin's (setup()'s `corpus`, else its own corpus/).
if exists('current_compiler')
  finish
endif
let current_compiler = 'dossier'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

" the program in $PATH, else the one `make` built beside this plugin
let s:prg = exepath('dossier')
if empty(s:prg)
  let s:prg = expand('<sfile>:p:h:h') . '/build/bin/dossier'
endif
let s:corpus = luaeval('require("dossier.config").options.corpus')
execute 'CompilerSet makeprg=' . escape(shellescape(s:prg) . ' check --corpus '
      \ . shellescape(s:corpus), ' \|"') . '\ $*\ %:S'
" the lines `dossier check` prints; anything else (a corpus that does not
" load) stays in the list as it is, so it is seen
CompilerSet errorformat=%f:%l:%c:\ %trror:\ %m,%f:%l:%c:\ %tarning:\ %m,%f:%l:%c:\ %tnfo:\ %m
