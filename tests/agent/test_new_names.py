from whittle.agent.calls import ToolCall
from whittle.agent.new_names import name_called, name_given, no_purpose_named
from whittle.apps.profile_tools import NameParams
from whittle.tools import Tool


def test_a_new_thing_is_called_what_the_request_calls_it():
    tools = {"profile_add": Tool("profile_add", "Add a profile.", NameParams)}
    planned = [ToolCall("profile_add", {"name": "stuff"})]
    said = "i want a separate workspace for my freelance stuff, call it Freelance"
    assert name_given(planned, tools, said) == [ToolCall("profile_add", {"name": "Freelance"})]
    assert name_given(planned, tools, "make a profile named 'Side gigs' and switch to it")[0].args == {"name": "Side gigs"}
    assert name_given(planned, tools, 'create a profile named "St. Andrew\'s Treasury"')[0].args == {
        "name": "St. Andrew's Treasury"}, "a quoted name with its stop"
    assert name_called("make me a new profile called Shrimp Season so I keep all that stuff separate") == "Shrimp Season"
    assert name_given(planned, tools, "new profile for my stuff") == planned, "no name said: the model's stays"
    assert name_given(planned, tools, "make a profile called the stage and switch me over to it")[0].args == {
        "name": "the stage"}, "a name that starts with 'the'"
    assert name_given(planned, tools, "call the profile Boat")[0].args == {"name": "Boat"}
    assert name_given(planned, tools, "make a new profile called Feria for the Sunday market stand")[0].args == {
        "name": "Feria"}, "what the profile is for follows its name"


def test_the_name_a_new_thing_is_given():
    assert name_called("make a new profile called Caravan Trip") == "Caravan Trip"
    assert name_called("a separate workspace for my freelance stuff, call it Freelance") == "Freelance"
    assert name_called("…, call it Freelance", only_called=True) == "", "only after 'called' or 'named'"
    assert name_called("a profile named Boat Stuff", only_called=True) == "Boat Stuff"
    assert name_called("a profile called Side Projects for my evening stuff") == "Side Projects"
    assert name_called("a profile called Home for Good") == "Home for Good", "'for' before a name's own word stays"


def test_what_a_new_thing_is_for_is_not_a_second_name():
    tools = {"profile_add": Tool("profile_add", "Add a profile.", NameParams)}
    planned = [ToolCall("profile_add", {"name": "Casa"}), ToolCall("profile_add", {"name": "for my home things"})]
    assert no_purpose_named(planned, tools) == planned[:1]
    alone = [ToolCall("profile_add", {"name": "for my home things"})]
    assert no_purpose_named(alone, tools) == alone, "with no other name, the model's reading stays"


def test_a_capitalised_name_after_the_kind_without_what_is_said_of_it():
    assert name_called("add a profile Home for the house stuff and switch to it") == "Home"
    assert name_called("make a new profile called Catering the party orders are gettin outta hand") == "Catering"
    assert name_called("new profile called Side gigs") == "Side gigs", "a lower-case word of the name stays"
    assert name_called("add a profile for the house") == "", "no capitalised name: none said"
