"""What the assistant remembers about the user: facts taken from what they say, shown and editable on the Memory page."""
