-- Drives `newslint server` from a headless Neovim, as a writer would: open
-- an article, wait for the diagnostics, apply a code action, write the file.
-- Facts go to $NEWSLINT_NVIM_OUT, one a line, for tests/neovim.rs to check.
-- Works with Neovim 0.7 and later (vim.lsp.start_client, not vim.lsp.start).

local out = assert(io.open(os.getenv("NEWSLINT_NVIM_OUT"), "w"))
local function fact(...)
  out:write(table.concat({ ... }, " "), "\n")
  out:flush()
end
local function fail(message)
  fact("error", message)
  out:close()
  vim.cmd("cquit 1")
end

local article = os.getenv("NEWSLINT_NVIM_ARTICLE")
vim.cmd("edit " .. vim.fn.fnameescape(article))
local buf = vim.api.nvim_get_current_buf()

local client_id = vim.lsp.start_client({
  name = "newslint",
  cmd = { os.getenv("NEWSLINT_BIN"), "server" },
  root_dir = vim.fn.fnamemodify(article, ":h"),
})
if not client_id then
  fail("the client did not start")
end
vim.lsp.buf_attach_client(buf, client_id)

local function diagnostics()
  return vim.diagnostic.get(buf)
end
if not vim.wait(60000, function() return #diagnostics() > 0 end, 50) then
  fail("no diagnostics")
end
local client = vim.lsp.get_client_by_id(client_id)
fact("encoding", client.offset_encoding)
for _, d in ipairs(diagnostics()) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  -- Neovim keeps 0-based lines and byte columns.
  fact("diagnostic", tostring(code), d.lnum, d.col, d.end_lnum, d.end_col)
end

-- The cursor on the finding (Neovim counts bytes), and the request's
-- range made from it in the negotiated encoding, as `:lua vim.lsp.buf.code_action()` does.
local d = diagnostics()[1]
vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
params.context = { diagnostics = {} }
local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 30000)
local chosen
for _, response in pairs(responses or {}) do
  for _, action in ipairs(response.result or {}) do
    fact("action", action.title)
    if action.title:find("^Replace") then
      chosen = action
    end
  end
end
if not chosen then
  fail("no Replace action")
end
vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
vim.cmd("write")
if not vim.wait(60000, function() return #diagnostics() == 0 end, 50) then
  fail("the fixed finding is still reported")
end
fact("done")
out:close()
vim.lsp.stop_client(client_id)
vim.cmd("qall!")
