-- Drives `dal-audit server` from Neovim as a user's configuration would, and
-- writes what Neovim holds to a JSON file. Run by tests/neovim.rs:
--   DAL_AUDIT_BIN=… DAL_AUDIT_FILE=….sql DAL_AUDIT_OUT=….json \
--     nvim --headless --clean -n -c 'luafile tests/neovim/roundtrip.lua'
-- Only APIs Neovim 0.7 (Debian 12's) already has: vim.lsp.start_client,
-- vim.lsp.buf_attach_client, vim.diagnostic.get, vim.lsp.buf_request_sync.

local bin = os.getenv("DAL_AUDIT_BIN")
local file = os.getenv("DAL_AUDIT_FILE")
local out = os.getenv("DAL_AUDIT_OUT")
local result = { nvim = vim.version() }

-- What Neovim holds for the buffer: positions are Neovim's own (0-based
-- lines, byte columns), converted from the server's UTF-16 positions.
local function held(bufnr)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(items, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code, source = d.source, message = d.message,
    })
  end
  table.sort(items, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return items
end

local function wait_for(what, condition)
  if not vim.wait(30000, condition, 20) then
    error("timed out waiting for " .. what)
  end
end

local function has_code(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then return true end
  end
  return false
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "dal-audit",
    cmd = { bin, "server" },
    root_dir = vim.fn.fnamemodify(file, ":h"),
    on_exit = function(code) result.exit_code = code end,
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  wait_for("diagnostics", function() return #vim.diagnostic.get(bufnr) > 0 end)
  result.opened = held(bufnr)

  -- The code actions on the backticked name (line 2, byte column 17).
  vim.api.nvim_win_set_cursor(0, { 2, 17 })
  local params = vim.lsp.util.make_range_params(0, "utf-16")
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr) }
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 30000)
  local actions = responses[client_id].result
  result.actions = {}
  for _, action in ipairs(actions) do table.insert(result.actions, action.title) end

  -- Apply the fix: Neovim edits the buffer and sends the change itself.
  vim.lsp.util.apply_workspace_edit(actions[1].edit, "utf-16")
  result.fixed_text = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  wait_for("diagnostics after the fix", function()
    return not has_code(bufnr, "backtick-identifier") and #vim.diagnostic.get(bufnr) > 0
  end)
  result.after_fix = held(bufnr)

  -- "Fix all" as a save hook would ask for it: a new line with two safe
  -- fixes, then the `source.fixAll` action applied to the whole buffer.
  vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, { "CREATE TABLE `u` (a TIMESTAMP WITH TIME ZONE DEFAULT now());" })
  wait_for("diagnostics of the new line", function() return has_code(bufnr, "bare-function-default") end)
  local fix_all_params = vim.lsp.util.make_range_params(0, "utf-16")
  fix_all_params.context = { diagnostics = {}, only = { "source.fixAll" } }
  local fix_all = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", fix_all_params, 30000)
  local fix_all_actions = fix_all[client_id].result
  result.fix_all_actions = {}
  for _, action in ipairs(fix_all_actions) do
    table.insert(result.fix_all_actions, { title = action.title, kind = action.kind })
  end
  vim.lsp.util.apply_workspace_edit(fix_all_actions[1].edit, "utf-16")
  result.fixed_all_text = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  wait_for("diagnostics after fix all", function()
    return not has_code(bufnr, "bare-function-default") and not has_code(bufnr, "backtick-identifier")
  end)
  result.after_fix_all = held(bufnr)

  vim.lsp.stop_client(client_id)
  wait_for("the server to exit", function() return result.exit_code ~= nil end)
end)
if not ok then result.error = tostring(err) end

local f = assert(io.open(out, "w"))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd("qa!")
